namespace Casebook.Tests.Theme;

/// <summary>
/// Queries spelled differently from (some of) the cases they must find: okurigana (買物・買い物), kana and kanji
/// (子供・こども, 障がい, ゴミ), long vowels (コーディネータ), small ヶ, abbreviations from the glossary (地域ケアプラザ for
/// CP, ボランティア for Vo), and the sample's search.synonyms (独居, 民児協, 外出支援). Each query's cases are every
/// sample case whose source contains one of the spellings the query stands for (found with a plain substring search
/// over input/cases, not with Casebook's own matching). docs/search.md reports recall over this set.
/// </summary>
public static class VariantRecallSet
{
    public static readonly (string Query, string[] Cases)[] Queries =
    [
        ("買物", ["kanagawa-hayama", "symposium-himi", "yokohama-isogo", "yokohama-naka", "yokohama-sakae"]),
        ("買い物", ["kanagawa-hayama", "symposium-himi", "yokohama-isogo", "yokohama-naka", "yokohama-sakae"]),
        ("取組み", ["chiba-hot-station", "chigasaki-coordinator", "kanagawa-chigasaki", "kanagawa-ebina", "kanagawa-hayama", "kanagawa-miura", "kanagawa-yamato", "kanagawa-yokosuka", "symposium-himi", "symposium-tobiume", "symposium-tokai", "yokohama-aoba", "yokohama-asahi", "yokohama-hodogaya", "yokohama-isogo", "yokohama-izumi", "yokohama-kanagawa", "yokohama-kanazawa", "yokohama-kohoku", "yokohama-konan", "yokohama-midori", "yokohama-minami", "yokohama-naka", "yokohama-nishi", "yokohama-sakae", "yokohama-seya", "yokohama-totsuka", "yokohama-tsurumi", "yokohama-tsuzuki"]),
        ("子供", ["chiba-hot-station", "chigasaki-coordinator", "symposium-himi", "symposium-tokai", "yokohama-konan"]),
        ("こども", ["chiba-hot-station", "chigasaki-coordinator", "symposium-himi", "symposium-tokai", "yokohama-konan"]),
        ("障がい", ["chiba-hot-station", "chigasaki-coordinator", "kanagawa-chigasaki", "kanagawa-ebina", "kanagawa-hayama", "kanagawa-miura", "kanagawa-yamato", "kanagawa-yokosuka", "symposium-himi", "symposium-tokai", "yokohama-isogo"]),
        ("障碍", ["chiba-hot-station", "chigasaki-coordinator", "kanagawa-chigasaki", "kanagawa-ebina", "kanagawa-hayama", "kanagawa-miura", "kanagawa-yamato", "kanagawa-yokosuka", "symposium-himi", "symposium-tokai", "yokohama-isogo"]),
        ("引きこもり", ["chiba-hot-station", "chigasaki-coordinator"]),
        ("ゴミ", ["chigasaki-coordinator", "symposium-tokai"]),
        ("ごみ", ["chigasaki-coordinator", "symposium-tokai"]),
        ("独居", ["kanagawa-hayama", "kanagawa-yamato", "symposium-himi", "yokohama-naka"]),
        ("ひとり暮らし", ["kanagawa-hayama", "kanagawa-yamato", "symposium-himi", "yokohama-naka"]),
        ("地域ケアプラザ", ["yokohama-aoba", "yokohama-isogo", "yokohama-kanagawa", "yokohama-midori", "yokohama-minami", "yokohama-naka", "yokohama-nishi", "yokohama-seya", "yokohama-tsurumi", "yokohama-tsuzuki"]),
        ("民生委員児童委員協議会", ["chigasaki-coordinator", "kanagawa-chigasaki", "kanagawa-hayama", "kanagawa-yamato", "kanagawa-yokosuka", "symposium-himi", "symposium-tokai", "yokohama-seya", "yokohama-tsurumi"]),
        ("民児協", ["chigasaki-coordinator", "kanagawa-chigasaki", "kanagawa-hayama", "kanagawa-yamato", "kanagawa-yokosuka", "symposium-himi", "symposium-tokai", "yokohama-seya", "yokohama-tsurumi"]),
        ("コーディネータ", ["chigasaki-coordinator", "kanagawa-chigasaki", "symposium-himi", "symposium-tokai"]),
        ("茅ケ崎", ["chigasaki-coordinator", "kanagawa-chigasaki"]),
        ("3カ月", ["kanagawa-yokosuka", "yokohama-isogo"]),
        ("外出支援", ["symposium-himi", "yokohama-asahi", "yokohama-kanagawa", "yokohama-minami", "yokohama-naka", "yokohama-tsuzuki"]),
        ("ボランティア", ["chiba-hot-station", "chigasaki-coordinator", "kanagawa-chigasaki", "kanagawa-ebina", "kanagawa-hayama", "kanagawa-miura", "kanagawa-yamato", "symposium-himi", "yokohama-asahi", "yokohama-kanazawa", "yokohama-kohoku", "yokohama-minami", "yokohama-sakae", "yokohama-seya", "yokohama-tsurumi"]),
        ("地区社会福祉協議会", ["chigasaki-coordinator", "kanagawa-chigasaki", "kanagawa-ebina", "kanagawa-yamato", "kanagawa-yokosuka", "symposium-himi", "symposium-tobiume", "symposium-tokai", "yokohama-hodogaya", "yokohama-kohoku", "yokohama-minami", "yokohama-naka", "yokohama-seya"]),
        ("打ち合わせ", ["yokohama-hodogaya", "yokohama-izumi", "yokohama-minami", "yokohama-totsuka"]),
        ("ケアマネージャー", ["chigasaki-coordinator", "yokohama-midori", "yokohama-seya", "yokohama-tsurumi"]),
    ];
}
