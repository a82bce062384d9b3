"""Write the seed corpora of the atheris harnesses from the sample brief.

    python fuzz/make_corpus.py

The seeds are small (libFuzzer mutates small inputs best): the sample's front matter
with a window of its references, in several encodings and newline conventions; the
same window as a one-page PDF; and a few link targets. The output is deterministic and
committed in ``fuzz/corpus/``; run this again only to change the seeds.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from peerbrief import sample_path  # noqa: E402

CORPUS = Path(__file__).resolve().parent / "corpus"
LINES = sample_path().read_text(encoding="utf-8").split("\n")
FRONT_MATTER = LINES[:60]
# Windows of the sample that cover its three metadata styles, a bullet list and the end.
WINDOWS = ((216, 232), (300, 330), (520, 545), (880, 905), (1380, len(LINES)))
LINKS = (
    "https://doi.org/10.1111/inm.12345",
    "https://onlinelibrary.wiley.com/doi/full/10.1002/abc.1?x=1#y",
    "doi:10.1000/182",
    "javascript:alert(1)",
    "http://[2001:db8::1]:8080/a b",
    "https://straße.example/ä",
)


def _window(start: int, end: int) -> list[str]:
    return FRONT_MATTER + LINES[start:end]


def _pdf(lines: list[str]) -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=1, pageCompression=0)
    y = 800.0
    for line in lines:
        if y < 60:
            canvas.showPage()
            y = 800.0
        text = line.replace("](#)", "").lstrip("[")[:95]
        canvas.setFont("Helvetica", 9)
        canvas.drawString(50, y, text)
        if line.startswith("[") and "](#)" in line:
            width = canvas.stringWidth(text, "Helvetica", 9)
            canvas.linkURL(LINKS[0], (50, y - 2, 50 + width, y + 8))
        y -= 12
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def main() -> None:
    seeds: dict[str, bytes] = {}
    for number, (start, end) in enumerate(WINDOWS):
        text = "\n".join(_window(start, end))
        seeds[f"text/window{number}.txt"] = text.encode("utf-8")
    text = "\n".join(_window(*WINDOWS[0]))
    seeds["text/window0-crlf.txt"] = text.replace("\n", "\r\n").encode("utf-8")
    seeds["text/window0-utf16.txt"] = text.encode("utf-16")
    seeds["text/window0-utf16le-nobom.txt"] = text.encode("utf-16-le")
    seeds["text/window0-utf32.txt"] = text.encode("utf-32")
    seeds["text/window0-cp1252.txt"] = text.encode("cp1252", "replace")
    # fuzz_text's str path: 0x01, then atheris' "UTF-16" format byte and the text.
    seeds["text/window0-str.txt"] = b"\x01\x02" + text.encode("utf-16-le", "surrogatepass")
    seeds["pdf/window0.pdf"] = _pdf(FRONT_MATTER[:6] + LINES[216:232])
    seeds["pdf/window2.pdf"] = _pdf(FRONT_MATTER[:6] + LINES[520:545])
    for number, link in enumerate(LINKS):
        # atheris' ConsumeUnicode reads a format byte first: 0x02 is UTF-16.
        seeds[f"links/link{number}.txt"] = b"\x02" + link.encode("utf-16-le")
    for name, data in seeds.items():
        path = CORPUS / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    print(f"{len(seeds)} seeds, {sum(map(len, seeds.values()))} bytes, in {CORPUS}")


if __name__ == "__main__":
    main()
