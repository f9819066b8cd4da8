using System.Globalization;

namespace Casebook.Core.Text;

/// <summary>Japanese era (和暦) names for fiscal years.</summary>
public static class Wareki
{
    private static readonly CultureInfo Japanese = CreateCulture();

    private static CultureInfo CreateCulture()
    {
        var c = new CultureInfo("ja-JP");
        c.DateTimeFormat.Calendar = new JapaneseCalendar();
        return c;
    }

    /// <summary>2022 → 令和4年度. The era is the one in force on 1 May of the start year,
    /// so FY2019 is 令和元年度 and FY1989 平成元年度, as councils write them.</summary>
    public static string FiscalYear(int year) => Year(year) + "度";

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, string> Years = new();

    /// <summary>The year in the Japanese era (令和4年); remembered per year, as every card, export and feed entry asks.</summary>
    public static string Year(int year) => Years.TryGetValue(year, out var s) ? s : Years.GetOrAdd(year, ComputeYear);

    private static string ComputeYear(int year)
    {
        if (year < 1868 || year > 9999) return $"{year}年";
        var date = new DateTime(year, 5, 1);
        var cal = (JapaneseCalendar)Japanese.DateTimeFormat.Calendar;
        var era = cal.GetEra(date);
        var y = cal.GetYear(date);
        var name = Japanese.DateTimeFormat.GetEraName(era);
        return $"{name}{(y == 1 ? "元" : y.ToString(CultureInfo.InvariantCulture))}年";
    }

}
