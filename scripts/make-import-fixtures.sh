#!/usr/bin/env bash
# Remakes the .docx fixtures of the import tests (tests/Casebook.Tests/Core/Importing/Fixtures/) with two other
# producers than the Open XML SDK the tests use themselves: pandoc (from Markdown) and LibreOffice (headless, from a
# flat ODT). The fixtures are committed, so the tests need neither tool; run this after changing the sources below.
# Needs: pandoc, libreoffice-writer-nogui (soffice), python3.
set -euo pipefail
out="$(cd "$(dirname "$0")/.." && pwd)/tests/Casebook.Tests/Core/Importing/Fixtures"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"

# A small photo-like picture (PNG, a colour gradient) made with the standard library only.
python3 - <<'PY'
import struct, zlib
w, h = 64, 48
rows = b"".join(b"\x00" + bytes(v for x in range(w) for v in (x * 4, y * 5, 160)) for y in range(h))
def chunk(t, d): return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")
open("photo.png", "wb").write(png)
import base64; open("photo.b64", "w").write(base64.b64encode(png).decode())
PY

cat > case.md <<'MD'
---
title: 商店街と組んだ見守りネットワーク
subtitle: 買い物の場から始まる地域の支え合い
---

社協名：港南区社会福祉協議会

執筆者：山田 太郎、佐藤 花子

| 7つの要素 | 該当 |
|---|---|
| ① 担当業務を超えた課題をつなぐ、場・人・しかけ | ✔ |
| ② 記録と共有 | |
| ③ 相談の力量 | ✔ |
| ④ ケースの積み上げ | |
| ⑤ 地域の資源、担い手づくり | ✔ |
| ⑥ 地域の規模に応じた圏域の設定 | |
| ⑦ 強みを生かした「中軸」の設定 | |

# 取組のきっかけ

商店街の店主から**気になる高齢者**の相談が寄せられたことが始まりでした。[^1]

## 関係者の声

店主の声を *そのまま* 記録しました。詳しくは[区のページ](https://example.org/konan/)を参照。

# 取組の内容

- 見守りの協力店を募る
    - 店頭にステッカーを掲示
    - 年２回の連絡会
- 相談の流れを決める

| 年度 | 相談件数 |
|---|---|
| 令和４年度 | 12件 |
| 令和５年度 | 31件 |

![協力店の店頭に貼られた見守りステッカー](photo.png)

[^1]: 令和４年５月の地区連絡会での相談。
MD
pandoc case.md -o "$out/pandoc.docx"

cat > case.fodt <<FODT
<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
  xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
  xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
  xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:xlink="http://www.w3.org/1999/xlink"
  xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
 <office:styles>
  <style:style style:name="Heading_20_1" style:display-name="Heading 1" style:family="paragraph" style:default-outline-level="1"/>
  <style:style style:name="Heading_20_2" style:display-name="Heading 2" style:family="paragraph" style:default-outline-level="2"/>
  <text:list-style style:name="Bullets">
   <text:list-level-style-bullet text:level="1" text:bullet-char="•"/>
   <text:list-level-style-bullet text:level="2" text:bullet-char="◦"/>
  </text:list-style>
  <text:list-style style:name="Numbers">
   <text:list-level-style-number text:level="1" style:num-format="1" style:num-suffix="."/>
   <text:list-level-style-bullet text:level="2" text:bullet-char="◦"/>
  </text:list-style>
 </office:styles>
 <office:automatic-styles>
  <style:style style:name="T1" style:family="text"><style:text-properties fo:font-weight="bold" style:font-weight-asian="bold"/></style:style>
  <style:style style:name="T2" style:family="text"><style:text-properties fo:font-style="italic" style:font-style-asian="italic"/></style:style>
 </office:automatic-styles>
 <office:body><office:text>
  <text:h text:style-name="Heading_20_1" text:outline-level="1">空き家を使った地域の居場所づくり</text:h>
  <text:p>団体名：茅ヶ崎市社会福祉協議会</text:p>
  <text:p>担当者：鈴木 一郎</text:p>
  <table:table table:name="要素">
   <table:table-column table:number-columns-repeated="2"/>
   <table:table-row><table:table-cell><text:p>要素</text:p></table:table-cell><table:table-cell><text:p>該当</text:p></table:table-cell></table:table-row>
   <table:table-row><table:table-cell><text:p>①つなぐ場・人・しかけ</text:p></table:table-cell><table:table-cell><text:p/></table:table-cell></table:table-row>
   <table:table-row><table:table-cell><text:p>②記録と共有</text:p></table:table-cell><table:table-cell><text:p>●</text:p></table:table-cell></table:table-row>
   <table:table-row><table:table-cell><text:p>③相談の力量</text:p></table:table-cell><table:table-cell><text:p/></table:table-cell></table:table-row>
   <table:table-row><table:table-cell><text:p>④ケースの積み上げ</text:p></table:table-cell><table:table-cell><text:p>●</text:p></table:table-cell></table:table-row>
   <table:table-row><table:table-cell><text:p>⑤資源・担い手づくり</text:p></table:table-cell><table:table-cell><text:p/></table:table-cell></table:table-row>
   <table:table-row><table:table-cell><text:p>⑥圏域の設定としくみ</text:p></table:table-cell><table:table-cell><text:p>●</text:p></table:table-cell></table:table-row>
   <table:table-row><table:table-cell><text:p>⑦強みを生かした「中軸」</text:p></table:table-cell><table:table-cell><text:p/></table:table-cell></table:table-row>
  </table:table>
  <text:h text:style-name="Heading_20_2" text:outline-level="2">取組のきっかけ</text:h>
  <text:p>空き家の持ち主から<text:span text:style-name="T1">活用の相談</text:span>があり、<text:span text:style-name="T2">住民と一緒に</text:span>考えました。</text:p>
  <text:h text:style-name="Heading_20_2" text:outline-level="2">取組の内容</text:h>
  <text:list text:style-name="Numbers">
   <text:list-item><text:p>片付けの会を開く</text:p>
    <text:list text:style-name="Bullets"><text:list-item><text:p>地区社協が呼びかけ</text:p></text:list-item></text:list>
   </text:list-item>
   <text:list-item><text:p>週２回の開所</text:p></text:list-item>
  </text:list>
  <table:table table:name="利用">
   <table:table-column table:number-columns-repeated="2"/>
   <table:table-row><table:table-cell><text:p>月</text:p></table:table-cell><table:table-cell><text:p>利用者数</text:p></table:table-cell></table:table-row>
   <table:table-row><table:table-cell><text:p>４月</text:p></table:table-cell><table:table-cell><text:p>45人</text:p></table:table-cell></table:table-row>
  </table:table>
  <text:p><draw:frame draw:name="写真1" text:anchor-type="as-char" svg:width="3cm" svg:height="2.25cm"><draw:image><office:binary-data>$(cat photo.b64)</office:binary-data></draw:image><svg:title>写真</svg:title><svg:desc>片付けの会で空き家の庭を整える住民</svg:desc></draw:frame></text:p>
 </office:text></office:body>
</office:document>
FODT
soffice --headless --convert-to docx:"MS Word 2007 XML" case.fodt >/dev/null 2>&1
cp case.docx "$out/libreoffice.docx"
ls -l "$out"
