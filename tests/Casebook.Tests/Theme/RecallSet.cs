namespace Casebook.Tests.Theme;

/// <summary>
/// Japanese queries over the sample content and the cases each must find (chosen by reading the
/// cases: each named case talks about the query's subject in those words or their full-width form).
/// docs/search.md reports recall over this set. Add a line whenever a search misses something a
/// reader expected.
/// </summary>
public static class RecallSet
{
    public static readonly (string Query, string[] Cases)[] Queries =
    [
        ("タクシー", ["yokohama-isogo", "yokohama-minami", "yokohama-naka", "yokohama-seya", "yokohama-tsuzuki"]),
        ("移動販売", ["yokohama-isogo", "yokohama-kanagawa", "yokohama-sakae", "yokohama-seya"]),
        ("情報誌", ["yokohama-seya"]),
        ("生活福祉資金", ["kanagawa-hayama", "kanagawa-miura", "kanagawa-yokosuka", "symposium-himi"]),
        ("貸付", ["kanagawa-chigasaki", "kanagawa-ebina", "kanagawa-hayama", "kanagawa-yokosuka", "symposium-himi", "symposium-tokai"]),
        ("地域ケア会議", ["kanagawa-hayama", "kanagawa-yamato", "symposium-tobiume", "yokohama-konan"]),
        ("地区支援チーム", ["chigasaki-coordinator", "kanagawa-chigasaki"]),
        ("ヒアリング", ["kanagawa-miura", "symposium-tokai", "yokohama-kanagawa"]),
        ("認知症", ["symposium-tobiume", "symposium-tokai", "yokohama-kohoku", "yokohama-konan", "yokohama-tsuzuki"]),
        ("民生委員", ["chigasaki-coordinator", "kanagawa-chigasaki", "kanagawa-hayama", "kanagawa-yamato", "symposium-himi", "symposium-tokai", "yokohama-seya", "yokohama-tsurumi"]),
        ("ひきこもり", ["chiba-hot-station", "chigasaki-coordinator"]),
        ("ホッとステーション", ["chiba-hot-station"]),
        ("子ども食堂", ["chiba-hot-station"]),
        ("多職種", ["symposium-himi", "symposium-tobiume", "yokohama-midori", "yokohama-nishi", "yokohama-seya"]),
        ("ボランティアセンター", ["chigasaki-coordinator", "kanagawa-chigasaki", "kanagawa-hayama", "kanagawa-miura", "kanagawa-yamato", "symposium-himi"]),
        ("災害", ["chiba-hot-station", "kanagawa-yokosuka", "symposium-himi"]),
        ("ＣＰ", ["yokohama-aoba", "yokohama-isogo", "yokohama-kanagawa", "yokohama-midori", "yokohama-minami", "yokohama-naka", "yokohama-nishi", "yokohama-seya", "yokohama-tsurumi", "yokohama-tsuzuki"]),
        ("Zoom", ["yokohama-tsurumi"]),
        ("買い物", ["kanagawa-hayama", "symposium-himi", "yokohama-isogo", "yokohama-naka", "yokohama-sakae"]),
        ("孤立", ["chigasaki-coordinator", "kanagawa-hayama", "kanagawa-yamato", "symposium-himi", "symposium-tobiume", "yokohama-naka"]),
        ("見守り", ["chiba-hot-station", "chigasaki-coordinator", "kanagawa-hayama", "kanagawa-miura", "kanagawa-yamato", "symposium-himi",
            "symposium-tobiume", "symposium-tokai", "yokohama-aoba", "yokohama-hodogaya", "yokohama-isogo", "yokohama-kanagawa", "yokohama-konan",
            "yokohama-naka", "yokohama-nishi", "yokohama-sakae", "yokohama-seya", "yokohama-totsuka", "yokohama-tsuzuki"]),
        ("地区社協 タクシー", ["yokohama-naka"]),
        ("２層Ｃｏ 研修", ["yokohama-konan"]),
    ];
}
