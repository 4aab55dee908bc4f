"""Cut one element (by id or class) out of an HTML page, for snapshot comparisons."""

from __future__ import annotations

from html.parser import HTMLParser

_VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}


class _Cutter(HTMLParser):
    def __init__(self, match: tuple[str, str]) -> None:
        super().__init__(convert_charrefs=False)
        self.match = match
        self.depth = 0
        self.out: list[str] = []
        self.done = False

    def _hit(self, attrs: list[tuple[str, str | None]]) -> bool:
        key, value = self.match
        found = dict(attrs).get(key) or ""
        return found == value if key == "id" else value in found.split()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.done:
            return
        if self.depth == 0 and self._hit(attrs):
            self.depth = 1
            self.out.append(self.get_starttag_text() or "")
            return
        if self.depth:
            self.out.append(self.get_starttag_text() or "")
            if tag not in _VOID:
                self.depth += 1

    def handle_endtag(self, tag: str) -> None:
        if self.depth and not self.done:
            self.out.append(f"</{tag}>")
            if tag not in _VOID:
                self.depth -= 1
                if self.depth == 0:
                    self.done = True

    def handle_data(self, data: str) -> None:
        if self.depth and not self.done:
            self.out.append(data)

    def handle_entityref(self, name: str) -> None:
        self.handle_data(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self.handle_data(f"&#{name};")


def cut(html: str, *, id: str | None = None, cls: str | None = None) -> str:
    """The outer HTML of the first element with this id (or class); "" if none."""
    cutter = _Cutter(("id", id) if id else ("class", cls or ""))
    cutter.feed(html)
    return "".join(cutter.out)
