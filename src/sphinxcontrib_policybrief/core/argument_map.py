"""Argument maps: which claims a map shows, their layered layout, and its text outline.

The layout is plain data (boxes with wrapped lines, edges as polylines) that the SVG and
TikZ drawers (``argument_map_svg``, ``argument_map_tikz``) both read, so the web page and
the PDF show the same picture.

Layering and crossing reduction are grandalf's Sugiyama layout (longest-path ranks,
barycentre ordering, Brandes–Köpf coordinates). Around it this module decides what
grandalf does not: which way each relation points, which edges to reverse when the
argument loops (found here, iteratively and in a fixed order, rather than by grandalf's
recursive search, so the result never depends on hash order or the recursion limit), how
connected parts are packed, and a final sweep that keeps boxes of a layer apart.
"""

from __future__ import annotations

import enum
import itertools
from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from grandalf.graphs import Edge as GrandalfEdge
from grandalf.graphs import Vertex as GrandalfVertex
from grandalf.graphs import graph_core as GraphCore
from grandalf.layouts import SugiyamaLayout

from .graph import BriefGraph
from .ids import normalise_id, split_list
from .labels import humanise
from .model import Claim, Kind, PolicyObject
from .problems import Problem, Subtype

#: What a map shows when ``:relations:`` is not given; custom relations between claims
#: are added by :func:`default_relations`.
DEFAULT_RELATIONS = ("supports", "attacks", "contradicts", "evidence", "assumes")
DEFAULT_DEPTH = 2

# Relations whose *source* is the upper end: a claim stands above its evidence and above
# the assumptions it rests on. For every other relation (supports, attacks, custom ones)
# the target is the upper end: a supporting claim sits below what it supports.
_SOURCE_ABOVE = frozenset({"evidence", "assumes"})


class Scope(enum.StrEnum):
    """Without a root, a map shows every claim of its document or of the project."""

    DOCUMENT = "document"
    PROJECT = "project"


# -- what the map shows ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MapNode:
    """One object on the map, with what its style shows."""

    id: str
    title: str
    kind: str  # Kind value: "claim", "event", ...
    claim_kind: str = ""
    likelihood: str = ""
    confidence: str = ""
    status: str = ""

    @property
    def caption(self) -> str:
        """The small line under the title: kind, likelihood, confidence in words, so the
        style is never carried by colour alone."""
        parts = [humanise(self.claim_kind) if self.claim_kind else humanise(self.kind)]
        if self.likelihood:
            parts.append(self.likelihood)
        if self.confidence:
            parts.append(f"{self.confidence} confidence")
        if self.status and self.status != "open":
            parts.append(self.status)
        return " · ".join(parts)


@dataclass(frozen=True, slots=True)
class MapEdge:
    """A relation drawn from *tail* (below) to *head* (above), arrowhead at the head."""

    tail: str
    head: str
    relation: str
    symmetric: bool = False  # drawn with an arrowhead at both ends


@dataclass(frozen=True, slots=True)
class MapSelection:
    """The nodes and edges of one map, in a fixed order."""

    nodes: tuple[MapNode, ...]
    edges: tuple[MapEdge, ...]
    root: str = ""


def default_relations(graph: BriefGraph) -> tuple[str, ...]:
    """The built-in argument relations plus every custom relation between claims."""
    custom = [
        name
        for name, rel in graph.relations.items()
        if name not in DEFAULT_RELATIONS
        and name not in ("actors", "affiliation", "claims", "resolution")
        and Kind.CLAIM in rel.sources
    ]
    return (*DEFAULT_RELATIONS, *custom)


def relation_problems(relations: Sequence[str], graph: BriefGraph) -> list[str]:
    """Messages for ``:relations:`` names the project does not define."""
    return [
        f"argument-map: unknown relation {name!r} in :relations: "
        f"(known: {', '.join(graph.relations)})"
        for name in relations
        if name not in graph.relations
    ]


def _node(obj: PolicyObject) -> MapNode:
    if isinstance(obj, Claim):
        return MapNode(
            obj.id,
            obj.title,
            obj.kind.value,
            obj.claim_kind,
            obj.likelihood,
            obj.confidence,
            obj.status,
        )
    return MapNode(obj.id, obj.title, obj.kind.value)


def _edges_between(
    graph: BriefGraph, ids: set[str], relations: Sequence[str], root: str
) -> list[MapEdge]:
    chosen = set(relations)

    def order(ident: str) -> tuple[int, str, int, str]:
        obj = graph.objects[ident]
        return (0 if ident == root else 1, obj.docname, obj.lineno, obj.id)

    found: dict[tuple[str, str, str], MapEdge] = {}
    for ident in sorted(ids):
        for edge in graph.edges(ident):
            rel = edge.relation
            if edge.incoming or rel.name not in chosen or edge.other not in ids:
                continue
            source, target = ident, edge.other
            if rel.symmetric:
                # One line per pair, whichever end wrote it; the end read first (the root
                # first of all) stands above, so a rival claim does not push it down.
                source, target = sorted((source, target), key=lambda i: order(i), reverse=True)
            elif rel.name in _SOURCE_ABOVE:
                source, target = target, source
            key = (rel.name, source, target)
            found.setdefault(key, MapEdge(source, target, rel.name, rel.symmetric))
    return [found[k] for k in sorted(found)]


def select_neighbourhood(
    graph: BriefGraph,
    root: str,
    *,
    depth: int = DEFAULT_DEPTH,
    relations: Sequence[str] | None = None,
) -> MapSelection:
    """*root* and everything within *depth* steps of it over *relations*, either way.

    An unknown root gives an empty selection (the directive reports it).
    """
    chosen = tuple(relations) if relations is not None else default_relations(graph)
    if root not in graph.objects:
        return MapSelection((), (), root)
    distance = {root: 0}
    queue = deque([root])
    while queue:
        ident = queue.popleft()
        if distance[ident] >= depth:
            continue
        for edge in sorted(graph.edges(ident), key=lambda e: (e.relation.name, e.other)):
            if edge.relation.name in chosen and edge.other not in distance:
                distance[edge.other] = distance[ident] + 1
                queue.append(edge.other)
    return _selection(graph, set(distance), chosen, root)


def select_scope(
    graph: BriefGraph,
    *,
    scope: Scope = Scope.PROJECT,
    docname: str = "",
    relations: Sequence[str] | None = None,
) -> MapSelection:
    """Every claim of the project, or of *docname*, with the relations among them."""
    chosen = tuple(relations) if relations is not None else default_relations(graph)
    ids = {
        c.id
        for c in graph.sorted_objects(Kind.CLAIM)
        if scope is Scope.PROJECT or c.docname == docname
    }
    return _selection(graph, ids, chosen, "")


def _selection(
    graph: BriefGraph, ids: set[str], relations: Sequence[str], root: str
) -> MapSelection:
    nodes = tuple(_node(o) for o in graph.sorted_objects() if o.id in ids)
    return MapSelection(nodes, tuple(_edges_between(graph, ids, relations, root)), root)


@dataclass(frozen=True, slots=True, kw_only=True)
class ArgumentMapRequest:
    """An ``argument-map`` directive as recorded: what to select, decided after reading."""

    docname: str
    lineno: int
    srcfile: str = ""
    serial: int = 0  # position among the document's maps, to find its placeholder again
    root: str = ""
    depth: int = DEFAULT_DEPTH
    relations: tuple[str, ...] | None = None  # None: default_relations()
    scope: Scope = Scope.DOCUMENT


def map_request(
    *,
    docname: str,
    lineno: int,
    root: str | None = None,
    depth: str | None = None,
    relations: str | None = None,
    scope: str | None = None,
    srcfile: str = "",
    serial: int = 0,
) -> tuple[ArgumentMapRequest, list[str]]:
    """The request from the directive's raw options, and messages for those that cannot
    be used (each falls back to its default)."""
    problems: list[str] = []
    chosen_depth = DEFAULT_DEPTH
    if depth is not None and depth.strip():
        try:
            chosen_depth = int(depth)
        except ValueError:
            chosen_depth = -1
        if chosen_depth < 1:
            problems.append(
                f"argument-map: :depth: must be a whole number of at least 1, not {depth!r}; "
                f"using {DEFAULT_DEPTH}"
            )
            chosen_depth = DEFAULT_DEPTH
    chosen_scope = Scope.DOCUMENT
    if scope is not None and scope.strip():
        try:
            chosen_scope = Scope(scope.strip().lower())
        except ValueError:
            problems.append(
                f"argument-map: unknown :scope: {scope!r} (allowed: document, project); "
                "using 'document'"
            )
    chosen_relations = None
    if relations is not None and relations.strip():
        chosen_relations = tuple(dict.fromkeys(normalise_id(r) for r in split_list(relations)))
    chosen_root = normalise_id(root or "")
    if chosen_root and scope:
        problems.append("argument-map: :scope: has no effect with :root:")
    request = ArgumentMapRequest(
        docname=docname,
        lineno=lineno,
        srcfile=srcfile,
        serial=serial,
        root=chosen_root,
        depth=chosen_depth,
        relations=chosen_relations,
        scope=chosen_scope,
    )
    return request, problems


def select(graph: BriefGraph, request: ArgumentMapRequest) -> tuple[MapSelection, list[Problem]]:
    """What *request* shows, and the problems only the merged project reveals: an unknown
    root (``unknown-ref``), relations the project does not define (``view-option``)."""
    problems = [
        Problem(Subtype.VIEW_OPTION, message, request.docname, request.lineno, request.srcfile)
        for message in relation_problems(request.relations or (), graph)
    ]
    relations = request.relations
    if relations is not None:
        relations = tuple(r for r in relations if r in graph.relations)
    if request.root:
        if request.root not in graph.objects:
            problems.append(
                Problem(
                    Subtype.UNKNOWN_REF,
                    f"argument-map: :root: names {request.root!r}, which is not defined",
                    request.docname,
                    request.lineno,
                    request.srcfile,
                )
            )
        selection = select_neighbourhood(
            graph, request.root, depth=request.depth, relations=relations
        )
    else:
        selection = select_scope(
            graph, scope=request.scope, docname=request.docname, relations=relations
        )
    return selection, problems


# -- measuring text -------------------------------------------------------------------

FONT_SIZE = 12.0
CAPTION_SIZE = 9.5
LINE_HEIGHT = 1.25
_NARROW = frozenset("iljtfr.,:;'!|()[]{}\"`’‘ ")
_WIDE = frozenset("mwMWÆŒ—@%")


def text_width(text: str, size: float = FONT_SIZE) -> float:
    """A deterministic estimate of *text*'s width in a sans-serif font: average widths per
    character class (narrow, wide, capital, other), so no font file is needed."""
    em = 0.0
    for ch in text:
        if ch in _NARROW:
            em += 0.3
        elif ch in _WIDE:
            em += 0.85
        elif ch.isupper():
            em += 0.68
        else:
            em += 0.55
    return em * size


def wrap(text: str, width: float, size: float = FONT_SIZE) -> tuple[str, ...]:
    """*text* in lines no wider than *width*; a word wider than that is cut."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        while text_width(word, size) > width:
            if current:
                lines.append(current)
                current = ""
            cut = len(word) - 1
            while cut > 1 and text_width(word[:cut], size) > width:
                cut -= 1
            lines.append(word[:cut])
            word = word[cut:]
        candidate = f"{current} {word}" if current else word
        if text_width(candidate, size) <= width:
            current = candidate
        else:
            lines.append(current)
            current = word
    if current or not lines:
        lines.append(current)
    return tuple(lines)


# -- the layout -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LayoutOptions:
    """Sizes in CSS pixels (SVG user units); the TikZ drawer scales them."""

    text_width: float = 170.0  # the widest a title line may be
    padding: float = 8.0
    node_gap: float = 28.0  # between boxes in a layer
    layer_gap: float = 56.0  # between layers: room for arrowheads and crossings
    part_gap: float = 48.0  # between unconnected parts of the map
    max_width: float = 1400.0  # parts wrap to a new band beyond this
    margin: float = 12.0


@dataclass(frozen=True, slots=True)
class NodeBox:
    """A node's box: top-left corner, size, and its wrapped text."""

    node: MapNode
    x: float
    y: float
    width: float
    height: float
    lines: tuple[str, ...]
    caption_lines: tuple[str, ...]
    layer: int

    @property
    def centre(self) -> tuple[float, float]:
        return (self.x + self.width / 2, self.y + self.height / 2)

    def overlaps(self, other: NodeBox) -> bool:
        return (
            self.x < other.x + other.width
            and other.x < self.x + self.width
            and self.y < other.y + other.height
            and other.y < self.y + self.height
        )


@dataclass(frozen=True, slots=True)
class EdgePath:
    """An edge as a polyline from the tail's box border to the head's."""

    edge: MapEdge
    points: tuple[tuple[float, float], ...]


@dataclass(frozen=True, slots=True)
class ArgumentMapLayout:
    """Everything a drawer needs; coordinates rounded to 0.1 so output is stable."""

    width: float
    height: float
    boxes: tuple[NodeBox, ...]
    edges: tuple[EdgePath, ...]
    relations: tuple[str, ...]  # the relations drawn, for the legend

    def box(self, ident: str) -> NodeBox:
        return next(b for b in self.boxes if b.node.id == ident)


class _View:
    """What grandalf reads and writes on a vertex or an edge."""

    def __init__(self, w: float = 0.0, h: float = 0.0) -> None:
        self.w = w
        self.h = h
        self.xy: tuple[float, float] = (0.0, 0.0)
        self.path: list[tuple[float, float]] = []

    def setpath(self, points: list[tuple[float, float]]) -> None:
        self.path = list(points)


_BEND_WIDTH = 8.0  # the room a long edge's bend point takes in a layer


def _r(value: float) -> float:
    return round(value + 0.0, 1) + 0.0


def _feedback_edges(ids: Sequence[str], arcs: Sequence[tuple[str, str]]) -> set[int]:
    """Indexes of arcs to reverse so the graph has no loop: the back edges of an iterative
    depth-first search started from each node in *ids* order."""
    out: dict[str, list[tuple[int, str]]] = {i: [] for i in ids}
    for index, (upper, lower) in enumerate(arcs):
        out[upper].append((index, lower))
    state: dict[str, int] = {}  # 1 on the stack, 2 done
    back: set[int] = set()
    for start in ids:
        if start in state:
            continue
        state[start] = 1
        stack = [(start, iter(out[start]))]
        while stack:
            node, children = stack[-1]
            for index, child in children:
                if state.get(child) == 1:
                    back.add(index)
                elif child not in state:
                    state[child] = 1
                    stack.append((child, iter(out[child])))
                    break
            else:
                state[node] = 2
                stack.pop()
    return back


def layout(selection: MapSelection, options: LayoutOptions | None = None) -> ArgumentMapLayout:
    """The layered layout of *selection*: same input, same coordinates."""
    opts = options or LayoutOptions()
    ids = [n.id for n in selection.nodes]
    sizes: dict[str, tuple[float, float, tuple[str, ...], tuple[str, ...]]] = {}
    for node in selection.nodes:
        lines = wrap(node.title or node.id, opts.text_width)
        caption = wrap(node.caption, opts.text_width, CAPTION_SIZE)
        inner = max(
            [text_width(line) for line in lines]
            + [text_width(line, CAPTION_SIZE) for line in caption]
        )
        height = (
            len(lines) * FONT_SIZE * LINE_HEIGHT
            + len(caption) * CAPTION_SIZE * LINE_HEIGHT
            + 2 * opts.padding
        )
        sizes[node.id] = (inner + 2 * opts.padding, height, lines, caption)

    # grandalf ranks from the top: an arc runs from the upper end (head) to the lower.
    arcs = [(e.head, e.tail) for e in selection.edges if e.head != e.tail]
    reversed_arcs = _feedback_edges(ids, arcs)
    vertices = {i: GrandalfVertex(i) for i in ids}
    for ident, vertex in vertices.items():
        vertex.view = _View(sizes[ident][0], sizes[ident][1])
    by_pair: dict[tuple[str, str], GrandalfEdge] = {}
    for index, (upper, lower) in enumerate(arcs):
        pair = (lower, upper) if index in reversed_arcs else (upper, lower)
        key = (min(pair), max(pair))
        if key in by_pair:
            continue  # two relations between one pair share their ranks and route
        g_edge = GrandalfEdge(vertices[pair[0]], vertices[pair[1]])
        g_edge.view = _View()
        by_pair[key] = g_edge
    # Connected parts built here, not by grandalf's Graph, which gathers each part's edges
    # in a set of objects hashed by address: their order, and so the layout, would change
    # from one process to the next.
    parts = _components(ids, vertices, by_pair)

    placed: dict[str, tuple[float, float, int]] = {}  # left x, top y, layer
    # Per pair of ends, the bend points of a long edge: (x, y) per layer crossed.
    bends: dict[tuple[str, str], dict[int, tuple[float, float]]] = {}
    x_offset = y_offset = band_height = 0.0
    for part in parts:
        members = sorted(part.sV, key=lambda v: ids.index(v.data))
        sug = SugiyamaLayout(part)
        sug.xspace, sug.yspace = opts.node_gap, opts.layer_gap
        # grandalf sizes the bend points of long edges like a median box; that spreads
        # layers crossed by many long edges far wider than their boxes need.
        sug.dw = _BEND_WIDTH
        roots = [v for v in members if not v.e_in()]
        sug.init_all(roots=roots or members[:1], inverted_edges=[])
        sug.draw(3)
        centres = _balanced_centres(sug, opts.node_gap)
        tops: list[tuple[float, float]] = []  # per layer: top y, height
        top = 0.0
        for layer in sug.layers:
            height = max((v.view.h for v in layer if isinstance(v, GrandalfVertex)), default=0.0)
            tops.append((top, height))
            top += height + opts.layer_gap
        real_members = [(v, centres[id(v)]) for v in members]
        left_most = min(c - v.view.w / 2 for v, c in real_members)
        right_most = max(c + v.view.w / 2 for v, c in real_members)
        part_width = right_most - left_most
        part_height = top - opts.layer_gap
        if x_offset > 0 and x_offset + part_width > opts.max_width:
            y_offset += band_height + opts.part_gap
            x_offset = band_height = 0.0
        shift = x_offset - left_most
        for vertex, centre in real_members:
            rank = sug.grx[vertex].rank
            layer_top, layer_height = tops[rank]
            y = layer_top + (layer_height - vertex.view.h) / 2
            placed[vertex.data] = (centre - vertex.view.w / 2 + shift, y + y_offset, rank)
        for key, g_edge in by_pair.items():
            for rank, dummy in sug.ctrls.get(g_edge, {}).items():
                if not isinstance(dummy, GrandalfVertex):
                    layer_top, layer_height = tops[rank]
                    bends.setdefault(key, {})[rank] = (
                        centres[id(dummy)] + shift,
                        layer_top + layer_height / 2 + y_offset,
                    )
        x_offset += part_width + opts.part_gap
        band_height = max(band_height, part_height)

    boxes: dict[str, NodeBox] = {}
    for node in selection.nodes:
        left, top, rank = placed[node.id]
        width, height, lines, caption = sizes[node.id]
        boxes[node.id] = NodeBox(
            node,
            _r(left + opts.margin),
            _r(top + opts.margin),
            _r(width),
            _r(height),
            lines,
            caption,
            rank,
        )

    paths = []
    for edge in selection.edges:
        if edge.head == edge.tail:
            continue
        key = (min(edge.head, edge.tail), max(edge.head, edge.tail))
        paths.append(_route(edge, boxes, bends.get(key, {}), opts.margin))
    width = max((b.x + b.width for b in boxes.values()), default=0.0) + opts.margin
    height = max((b.y + b.height for b in boxes.values()), default=0.0) + opts.margin
    relations = tuple(dict.fromkeys(e.relation for e in selection.edges))
    return ArgumentMapLayout(
        _r(width),
        _r(height),
        tuple(boxes[i] for i in ids),
        tuple(paths),
        relations,
    )


def _components(
    ids: Sequence[str],
    vertices: dict[str, GrandalfVertex],
    by_pair: dict[tuple[str, str], GrandalfEdge],
) -> list[GraphCore]:
    """The connected parts, largest first, then by their first node in *ids*; each part's
    vertices in *ids* order and its edges in the order given."""
    rank = {ident: n for n, ident in enumerate(ids)}
    parent = {ident: ident for ident in ids}

    def find(ident: str) -> str:
        while parent[ident] != ident:
            parent[ident] = parent[parent[ident]]
            ident = parent[ident]
        return ident

    for a, b in by_pair:
        root_a, root_b = find(a), find(b)
        if root_a != root_b:
            low, high = sorted((root_a, root_b), key=rank.__getitem__)
            parent[high] = low
    groups: dict[str, list[str]] = {}
    for ident in ids:
        groups.setdefault(find(ident), []).append(ident)
    parts = []
    for members in groups.values():
        inside = set(members)
        edges = [edge for (a, _b), edge in by_pair.items() if a in inside]
        parts.append(GraphCore([vertices[i] for i in members], edges))
    return sorted(parts, key=lambda c: (-c.order(), min(rank[v.data] for v in c.sV)))


def _balanced_centres(sug: SugiyamaLayout, gap: float, rounds: int = 6) -> dict[int, float]:
    """Centre x of every vertex and bend point (by ``id()``), keeping grandalf's order in
    each layer and at least *gap* between neighbours in a layer.

    grandalf's coordinates (the mean of four Brandes–Köpf alignments) can leave layers
    far wider than they need and do not guarantee gaps between boxes of unequal width.
    So, starting from them, each round moves every layer, alternately downwards and
    upwards, to where its items' neighbours in the layers above and below pull them: the
    closest positions to those targets that keep the order and the gaps (isotonic
    regression, solved exactly by pooling adjacent violators)."""
    layers = [list(layer) for layer in sug.layers]
    width = {
        id(v): (v.view.w if isinstance(v, GrandalfVertex) else _BEND_WIDTH)
        for layer in layers
        for v in layer
    }
    x = {id(v): float(v.view.xy[0]) for layer in layers for v in layer}
    neighbours: dict[int, list[int]] = {key: [] for key in x}
    for g_edge in sug.g.E():
        ends = sorted(g_edge.v, key=lambda v: sug.grx[v].rank)
        chain = [ends[0]]
        bends = sug.ctrls.get(g_edge, {})
        chain += [bends[r] for r in sorted(bends) if bends[r] not in ends]
        chain.append(ends[1])
        for upper, lower in itertools.pairwise(chain):
            neighbours[id(upper)].append(id(lower))
            neighbours[id(lower)].append(id(upper))
    for layer in layers:
        _place_layer([id(v) for v in layer], [x[id(v)] for v in layer], width, x, gap)
    for round_ in range(rounds):
        for layer in layers if round_ % 2 == 0 else layers[::-1]:
            keys = [id(v) for v in layer]
            targets = [
                sum(x[n] for n in neighbours[k]) / len(neighbours[k]) if neighbours[k] else x[k]
                for k in keys
            ]
            _place_layer(keys, targets, width, x, gap)
    return x


def _place_layer(
    keys: list[int], targets: list[float], width: dict[int, float], x: dict[int, float], gap: float
) -> None:
    """Centres as close to *targets* as the order and the gaps allow (least squares)."""
    offsets = [0.0]
    for left, right in itertools.pairwise(keys):
        offsets.append(offsets[-1] + (width[left] + width[right]) / 2 + gap)
    # With q = x - offset the constraints are q non-decreasing: pool adjacent violators.
    blocks: list[list[float]] = []  # [sum, count]
    for target, offset in zip(targets, offsets, strict=True):
        blocks.append([target - offset, 1.0])
        while len(blocks) > 1 and blocks[-2][0] / blocks[-2][1] > blocks[-1][0] / blocks[-1][1]:
            total, count = blocks.pop()
            blocks[-1][0] += total
            blocks[-1][1] += count
    index = 0
    for total, count in blocks:
        value = total / count
        for _ in range(int(count)):
            x[keys[index]] = value + offsets[index]
            index += 1


def _route(
    edge: MapEdge,
    boxes: dict[str, NodeBox],
    bends: dict[int, tuple[float, float]],
    margin: float,
) -> EdgePath:
    """From the tail's border to the head's, through the bend points grandalf reserved in
    each layer a long edge crosses, so it runs beside the boxes rather than through them."""
    tail, head = boxes[edge.tail], boxes[edge.head]
    tx, hx = tail.centre[0], head.centre[0]
    if tail.layer > head.layer:  # the usual case: the head is above
        start, end = (tx, tail.y), (hx, head.y + head.height)
    else:  # the edge was reversed to break a loop
        start, end = (tx, tail.y + tail.height), (hx, head.y)
    step = 1 if tail.layer > head.layer else -1
    middle = [bends[r] for r in range(tail.layer - step, head.layer, -step) if r in bends]
    points = [start, *((x + margin, y + margin) for x, y in middle), end]
    return EdgePath(edge, tuple((_r(x), _r(y)) for x, y in points))


# -- the text alternative ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class OutlineItem:
    """One line of the outline: a node, how it relates to its parent, what hangs below it.

    A node reached a second time is listed again with ``repeated`` and no children, so
    the outline is a tree however the argument is tangled.
    """

    id: str
    title: str
    relation: str = ""  # the relation to the parent item, "" at the top
    children: tuple[OutlineItem, ...] = ()
    repeated: bool = False


def outline(selection: MapSelection, graph: BriefGraph | None = None) -> tuple[OutlineItem, ...]:
    """The map as nested lists, from the top (what nothing points up to) downwards; each
    child item is labelled by how it reads from below ("Supported by", "Evidence")."""
    titles = {n.id: n.title for n in selection.nodes}
    below: dict[str, list[MapEdge]] = {n.id: [] for n in selection.nodes}
    has_parent: set[str] = set()
    for edge in selection.edges:
        below[edge.head].append(edge)
        has_parent.add(edge.tail)
    labels = {} if graph is None else graph.relations
    order = [n.id for n in selection.nodes]
    tops = [i for i in order if i not in has_parent]
    if selection.root in titles:
        tops = [selection.root, *[i for i in tops if i != selection.root]]
    listed: set[str] = set()

    def label(edge: MapEdge) -> str:
        rel = labels.get(edge.relation)
        if rel is None:
            return humanise(edge.relation)
        return rel.outgoing if edge.relation in _SOURCE_ABOVE else rel.incoming

    def item(ident: str, relation: str) -> OutlineItem:
        if ident in listed:
            return OutlineItem(ident, titles[ident], relation, repeated=True)
        listed.add(ident)
        children = tuple(
            item(e.tail, label(e))
            for e in sorted(below[ident], key=lambda e: (order.index(e.tail), e.relation))
        )
        return OutlineItem(ident, titles[ident], relation, children)

    items = [item(i, "") for i in tops]
    # Whatever sits only in loops has no top; list it where it first appears.
    items += [item(i, "") for i in order if i not in listed]
    return tuple(items)


def ids_in(items: Iterable[OutlineItem]) -> set[str]:
    """Every id an outline mentions."""
    found: set[str] = set()
    for entry in items:
        found.add(entry.id)
        found |= ids_in(entry.children)
    return found


# -- styles both drawers share ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class EdgeStyle:
    """How a relation is drawn: a colour *and* a dash pattern *and* an arrowhead, so it
    reads in greyscale print and for readers who do not tell the colours apart."""

    colour: str  # #rrggbb, dark enough for 4.5:1 on white
    dash: tuple[float, ...]  # on, off, ... in layout units; () for a solid line
    head: str  # "filled" or "open"
    width: float = 1.5


@dataclass(frozen=True, slots=True)
class NodeStyle:
    """A box's fill (from its kind) and border (its width from the confidence)."""

    fill: str
    border: str
    border_width: float
    border_dash: tuple[float, ...] = ()


RELATION_STYLES: dict[str, EdgeStyle] = {
    "supports": EdgeStyle("#1b5e20", (), "filled", 1.75),
    "attacks": EdgeStyle("#b71c1c", (6.0, 4.0), "filled", 1.75),
    "contradicts": EdgeStyle("#6a1b9a", (2.0, 3.0), "filled", 1.75),
    "evidence": EdgeStyle("#37474f", (), "open", 1.25),
    "assumes": EdgeStyle("#4e342e", (8.0, 3.0, 2.0, 3.0), "open", 1.5),
}
#: Custom relations share one style; their name is in the legend.
OTHER_RELATION_STYLE = EdgeStyle("#0d47a1", (10.0, 4.0), "filled", 1.5)

_KIND_COLOURS: dict[str, tuple[str, str]] = {
    "key-judgment": ("#fff4cc", "#7a5c00"),
    "assumption": ("#f1e8f8", "#5b3a7a"),
    "hypothesis": ("#e0f2f1", "#00584c"),
    "forecast": ("#e3f2fd", "#0d47a1"),
    "finding": ("#e8f5e9", "#1b5e20"),
    "event": ("#eeeeee", "#424242"),
}
_OTHER_COLOURS = ("#ffffff", "#424242")
_CONFIDENCE_WIDTH = {"high": 3.0, "moderate": 2.0, "low": 1.0}


def edge_style(relation: str) -> EdgeStyle:
    return RELATION_STYLES.get(relation, OTHER_RELATION_STYLE)


def node_style(node: MapNode) -> NodeStyle:
    """Fill and border colour from the kind; border width from the confidence (thick for
    high, thin for low); a dashed border when no confidence is given."""
    fill, border = _KIND_COLOURS.get(node.claim_kind or node.kind, _OTHER_COLOURS)
    if node.kind != Kind.CLAIM.value:
        return NodeStyle(fill, border, 1.0)
    if not node.confidence:
        return NodeStyle(fill, border, 1.0, (4.0, 2.0))
    return NodeStyle(fill, border, _CONFIDENCE_WIDTH.get(node.confidence, 1.5))


def node_classes(node: MapNode) -> tuple[str, ...]:
    """CSS classes of a node: its kind, claim kind, likelihood, confidence and status."""
    classes = ["pb-map-node", f"pb-kind-{node.kind}"]
    for prefix, value in (
        ("pb-claim-kind", node.claim_kind),
        ("pb-likelihood", node.likelihood),
        ("pb-confidence", node.confidence),
        ("pb-status", node.status),
    ):
        if value:
            classes.append(f"{prefix}-{_class_word(value)}")
    return tuple(classes)


def _class_word(value: str) -> str:
    return "-".join("".join(ch if ch.isalnum() else " " for ch in value.lower()).split())


def legend_kinds(layout: ArgumentMapLayout) -> tuple[tuple[str, MapNode], ...]:
    """One sample node per kind drawn, labelled, for the legend: in order of appearance."""
    found: dict[str, MapNode] = {}
    for box in layout.boxes:
        key = box.node.claim_kind or box.node.kind
        found.setdefault(key, MapNode("", "", box.node.kind, box.node.claim_kind, "", "high"))
    return tuple((humanise(k), n) for k, n in found.items())
