using System.Text.RegularExpressions;

namespace Casebook.Core.Loading;

/// <summary>YamlDotNet's English error messages explained in Japanese. The parser's own words follow in
/// parentheses, so an editor can still search for them. Matched by a distinctive part of the message, most
/// specific first; the list covers the messages YamlDotNet's scanner, parser and representation model raise.</summary>
public static partial class YamlMessages
{
    private const string Quote = "値全体を \"…\" で囲んでください。";
    private const string Backslash = "「\\」そのものを書くときは「\\\\」と二つ重ねるか、値全体を '…'（一重引用符）で囲んでください。";
    private const string Directive = "「%」で始まる行は YAML の指示と読まれます。フロントマターには要らないので消してください（値なら " + Quote + "）";

    private static readonly (string Says, string Means)[] Explanations =
    [
        // Quotes and escapes
        ("quoted scalar, found unexpected end of stream", "引用符（\" または '）で始めた値が閉じられていません。値の最後にも同じ引用符を書いてください。"),
        ("double-quoted scalar, found wrong indentation", "引用符（\"）で始めた値が行の終わりまでに閉じられていません。値の最後にも \" を書いてください。"),
        ("single-quoted scalar, found wrong indentation", "引用符（'）で始めた値が行の終わりまでに閉じられていません。値の最後にも ' を書いてください。"),
        ("quoted scalar, found unexpected document indicator", "引用符で始めた値が閉じられないまま「---」の行に来ました。値の最後にも同じ引用符を書いてください。"),
        ("found unknown escape character", "\"…\" の中で「\\」の後に使えない文字があります。" + Backslash),
        ("did not find expected hexadecimal number", "\"…\" の中の「\\x」「\\u」「\\U」の後に 16 進数がありません。" + Backslash),
        ("invalid Unicode character escape code", "\"…\" の中の「\\u…」「\\U…」が文字の番号として正しくありません。" + Backslash),
        ("invalid Unicode surrogates", "\"…\" の中の「\\u…」が文字の番号として正しくありません（サロゲートの組が揃っていません）。" + Backslash),

        // ": " in values, keys and indentation
        ("found invalid mapping", "値の中に「: 」（コロンと空白）があるか、字下げが揃っていません。値に「: 」を含めるときは" + Quote),
        ("Mapping keys are not allowed in this context", "この位置に「項目名: 値」は書けません。値の中に「: 」があるか、字下げが揃っていません。値に「: 」を含めるときは" + Quote),
        ("could not find expected ':'", "「項目名: 値」の「: 」が見つかりません（項目名が長すぎるか、1 行に収まっていません）。"),
        ("block mapping, did not find expected key", "字下げが揃っていないか、「項目名: 値」の形になっていない行があります（リストの「- 」の位置、引用符や括弧の後の余分な文字も確かめてください）。"),
        ("block collection, did not find expected '-' indicator", "リストの途中に「- 」で始まらない行があります。リストの項目は同じ字下げの「- 」で始めてください。"),
        ("did not find expected <document end>", "字下げが揃っていません（最初の項目が字下げされていないかも確かめてください）。"),
        ("did not find expected <document start>", "フロントマターの途中に「---」や「...」だけの行があるか、字下げが揃っていません。"),
        ("invalid tab as indentation", "字下げにタブ文字が使われています。字下げは半角スペースにしてください。"),
        ("tab character that violate indentation", "字下げにタブ文字が使われています。字下げは半角スペースにしてください。"),

        // Brackets and lists
        ("flow mapping, did not find expected", "{ } が閉じられていないか、区切りの「,」がありません。"),
        ("flow sequence, did not find expected", "[ ] のリストが閉じられていないか、区切りの「,」がありません。"),
        ("did not find expected node content", "値がありません。「,」や「- 」の後に値を書くか、記号を含む値なら" + Quote),
        ("Reached the end of the stream", "YAML が途中で終わっています。括弧や引用符が閉じられているか確かめてください。"),

        // Multi-line values (| and >)
        ("block scalar, did not find expected comment or line break", "複数行の値を表す「|」「>」の後には改行が必要です。同じ行に続けて書く値なら" + Quote),
        ("comment without whtespace after '>'", "「>」の直後に「#」があります。値なら" + Quote),
        ("comment without whitespace after '>'", "「>」の直後に「#」があります。値なら" + Quote),
        ("indentation indicator equal to 0", "「|」「>」の後の字下げの数字に 0 は使えません。数字を消すか 1〜9 にしてください。"),
        ("literal block scalar, found extra spaces in first line", "「|」「>」で始めた複数行の値の字下げが揃っていません。最初の行より深い空白だけの行があれば、その空白を消してください。"),
        ("found more spaces in lines above first content line", "「|」「>」で始めた複数行の値の字下げが揃っていません。最初の行より深い空白だけの行があれば、その空白を消してください。"),

        // Values starting with a YAML symbol: & * ! % @ `
        ("cannot start any token", "値が @ ` % などの記号で始まっています。" + Quote),
        ("does not exist", "参照（*名前）に対応するアンカー（&名前）がありません。値が「*」で始まるなら" + Quote),
        ("A document cannot contain only an alias", "YAML が参照（*名前）だけになっています。「項目名: 値」の形で書いてください。"),
        ("anchor or alias, found value containing disallowed", "値が「&」か「*」で始まっています（YAML のアンカー・参照と読まれます）。" + Quote),
        ("Anchor value must not be empty", "値が「&」か「*」で始まっています（YAML のアンカー・参照と読まれます）。" + Quote),
        ("found more than one anchor", "値が「&」で始まっています（YAML のアンカーと読まれます）。" + Quote),
        ("Anchor before sequence entry on same line", "アンカー（&名前）と同じ行にリストの「- 」は書けません。値が「&」で始まるなら" + Quote),
        ("Forward alias", "参照（*名前）がアンカー（&名前）より前にあります。"),
        ("Unrecognized merge key pattern", "「<<」（YAML のマージ）の書き方に誤りがあります。「<<」は使わず、項目を書き並べてください。"),
        ("found undefined tag handle", "値が「!」で始まっています（YAML のタグと読まれます）。" + Quote),
        ("While scanning a tag", "値が「!」で始まっています（YAML のタグと読まれます）。" + Quote),
        ("tag directive, did not find expected '!'", Directive),
        ("Unexpected comma at end of tag", "値が「!」で始まっています（YAML のタグと読まれます）。" + Quote),

        // Directives (%YAML, %TAG) and multiple documents
        ("incompatible YAML document", "YAML の版を指定する「%YAML」の行が Casebook の読める版（1.1・1.2）ではありません。その行を消してください。"),
        ("Incompatible %YAML directive", "YAML の版を指定する「%YAML」の行が Casebook の読める版（1.1・1.2）ではありません。その行を消してください。"),
        ("directive", Directive),
        ("Maximum level of recursion reached", "入れ子（字下げや括弧の重なり）が深すぎます。"),
        ("Too many parsing events", "YAML が大きすぎます。"),
    ];

    /// <summary>The Japanese explanation with the parser's message in parentheses; a message not in the
    /// list still gets a Japanese sentence.</summary>
    public static string Explain(string parserMessage)
    {
        var message = Clean(parserMessage);
        var normalized = Spaces().Replace(message, " ");
        if (normalized.StartsWith("Duplicate key ", StringComparison.Ordinal))
            return $"項目「{normalized["Duplicate key ".Length..]}」が二度書かれています。どちらかを消してください。（{message}）";
        foreach (var (says, means) in Explanations)
            if (normalized.Contains(says, StringComparison.Ordinal)) return $"{means}（{message}）";
        return $"この位置の YAML を読めません。（{message}）";
    }

    /// <summary>Drops YamlDotNet's "(Line: 2, Col: 8, Idx: 12) - (…): " prefix: the diagnostic has the position.</summary>
    private static string Clean(string m)
    {
        var i = m.IndexOf("): ", StringComparison.Ordinal);
        return (i > 0 && m.StartsWith("(Line", StringComparison.Ordinal) ? m[(i + 3)..] : m).Trim();
    }

    [GeneratedRegex(" {2,}")]
    private static partial Regex Spaces();
}
