"""Haystack's Whoosh engine, tuned for French and for a web process that must never wait on a lock.

- Text fields are analysed in French (stop words, Snowball stemming) with accents folded, so
  « clauses d'insertion » finds « insertion » and « decheterie » finds « déchèterie ».
- Facet fields are stored verbatim (an ID field), so facets show « fiche », not a stem.
- Title autocompletion folds accents too (« dechet » completes « Déchets »).
- Writes take the index lock with a short timeout and raise `whoosh.index.LockError` instead of
  haystack's `AsyncWriter`, which would block the request until the lock is free. The caller
  (portal.search) retries, then queues the update.
- `locked()` lets the caller read the database and write the document under the lock, so the
  last document written is never prepared from older data than the one it replaces.
- Reads keep one searcher open per process (`KeptSearcherIndex`), refreshed only when the index
  changed, instead of opening every segment again for each query; a spelling suggestion is
  computed only when nothing matched (haystack computes one for every search).
"""

import logging
from contextlib import contextmanager, nullcontext

import nh3
from django.conf import settings
from haystack.backends.whoosh_backend import WhooshEngine, WhooshSearchBackend
from haystack.exceptions import SkipDocument
from haystack.utils import get_identifier
from whoosh.analysis import (
    CharsetFilter,
    LowercaseFilter,
    NgramFilter,
    RegexTokenizer,
    StemFilter,
    StopFilter,
)
from whoosh.fields import ID, NGRAMWORDS, TEXT
from whoosh.highlight import ContextFragmenter, HtmlFormatter
from whoosh.highlight import highlight as whoosh_highlight
from whoosh.lang import stopwords_for_language
from whoosh.query import Term
from whoosh.sorting import FieldFacet, OverlappingCategorizer
from whoosh.support.charset import accent_map

logger = logging.getLogger(__name__)

ID_FIELD = "id"
# Whoosh's French list lacks a few frequent words.
FRENCH_STOP_WORDS = frozenset(stopwords_for_language("fr")) | {"les", "aux", "ces", "dont", "qu"}


def french_analyzer():
    """Lower case, French stop words, accents folded, then French Snowball stemming."""
    return (
        RegexTokenizer()
        | LowercaseFilter()
        | StopFilter(stoplist=FRENCH_STOP_WORDS)
        | CharsetFilter(accent_map)
        | StemFilter(lang="fr", cachesize=50000)
    )


# The excerpt is looked for in the start of each hit's text: highlighting stems every word it
# reads, and a long fiche would otherwise cost more to excerpt than to find.
HIGHLIGHT_MAX_CHARS = 5000

# Highlighting stems every word of each hit's text: one analyzer for the process keeps its stem
# cache warm across searches (a new one per search stemmed the same words again every time).
HIGHLIGHT_ANALYZER = french_analyzer()


def autocomplete_analyzer(minsize=2, maxsize=15):
    return (
        RegexTokenizer()
        | LowercaseFilter()
        | CharsetFilter(accent_map)
        | NgramFilter(minsize=minsize, maxsize=maxsize, at="start")
    )


# {(segment id, field name): values of each document of the segment}: what Whoosh's facet
# counting otherwise rebuilds from the postings on every query. A segment's documents never change
# once written (a deletion only hides a document number), so a table stays right as long as its
# segment exists; `KeptSearcherIndex` drops the tables of segments merged away.
_FACET_TABLES = {}


class _KeptTableCategorizer(OverlappingCategorizer):
    def set_searcher(self, segment_searcher, docoffset):
        segment = segment_searcher.reader().segment()
        if self._use_vectors or self._use_column or segment is None:
            return super().set_searcher(segment_searcher, docoffset)
        key = (segment.segment_id(), self._fieldname)
        if key not in _FACET_TABLES:
            super().set_searcher(segment_searcher, docoffset)
            _FACET_TABLES[key] = self._lists
        self._segment_searcher = segment_searcher
        self._lists = _FACET_TABLES[key]


def _forget_tables_except(reader):
    # An empty index has an EmptyReader, whose segments() is None.
    current = {segment.segment_id() for segment in reader.segments() or ()}
    for key in [key for key in _FACET_TABLES if key[0] not in current]:
        _FACET_TABLES.pop(key, None)


class _KeptTableFacet(FieldFacet):
    """haystack's overlapping field facet, counted from tables kept per segment."""

    def categorizer(self, global_searcher):
        return _KeptTableCategorizer(global_searcher, self.fieldname)


def _kept_tables(facet):
    if type(facet) is FieldFacet and facet.allow_overlap:
        return _KeptTableFacet(facet.fieldname, allow_overlap=True, maptype=facet.maptype)
    return facet


class _KeptSearcher:
    """A searcher that haystack may `close()` after each query without closing it."""

    def __init__(self, searcher):
        self._searcher = searcher

    def search_page(self, query, pagenum, groupedby=None, **kwargs):
        if isinstance(groupedby, list):
            groupedby = [_kept_tables(facet) for facet in groupedby]
        return self._searcher.search_page(query, pagenum, groupedby=groupedby, **kwargs)

    def close(self):
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        return False

    def __getattr__(self, name):
        return getattr(self._searcher, name)


class KeptSearcherIndex:
    """Stands for the Whoosh index in haystack's backend, keeping one searcher open.

    haystack opens the index's segments twice per query (`refresh()` then `searcher()`, plus a
    reader for `doc_count()`). Here `searcher()` hands out the same searcher until a write makes
    a newer generation of the index, and everything else (writers, storage, schema) is the real
    index's. A newer generation opens a new searcher rather than Whoosh's `Searcher.refresh()`,
    whose reuse of readers keeps deleted and replaced documents visible. Haystack keeps one
    backend per thread, so the kept searcher is never shared between threads.
    """

    def __init__(self, index, schema):
        self._index = index
        self._schema = schema
        self._searcher = None

    def refresh(self):
        return self

    def searcher(self, **kwargs):
        if kwargs:
            return self._index.searcher(**kwargs)
        generation = self._index.latest_generation()
        if generation < 0:
            # The index's files were removed under the running process (a restore, a folder
            # emptied by hand): start an empty index, as haystack's setup would, rather than fail.
            self._index = self._index.storage.create_index(
                self._schema, indexname=self._index.indexname
            )
            generation = self._index.latest_generation()
        searcher = self._searcher
        if searcher is None or searcher.reader().generation() != generation:
            if searcher is not None:
                searcher.close()
            searcher = self._searcher = self._index.searcher()
            _forget_tables_except(searcher.reader())
        return _KeptSearcher(searcher)

    def doc_count(self):
        return self.searcher().doc_count()

    def reader(self):
        """The kept searcher's reader (haystack's spelling corrector opens one and never closes
        it)."""
        return self.searcher().reader()

    def __getattr__(self, name):
        return getattr(self._index, name)


class FrenchWhooshSearchBackend(WhooshSearchBackend):
    def __init__(self, connection_alias, **connection_options):
        super().__init__(connection_alias, **connection_options)
        self.lock_timeout = connection_options.get(
            "LOCK_TIMEOUT", getattr(settings, "SEARCH_INDEX_LOCK_TIMEOUT", 1.0)
        )
        self._locked_writer = None
        # haystack would suggest a spelling on every search; `search` makes one only when the
        # caller asked (SearchQuerySet.spelling_suggestion) and nothing matched.
        self.suggests_spelling = self.include_spelling
        self.include_spelling = False

    def setup(self):
        super().setup()
        self.index = KeptSearcherIndex(self.index, self.schema)

    def build_schema(self, fields):
        content_field_name, schema = super().build_schema(fields)
        analyzer = french_analyzer()
        for _name, field_class in fields.items():
            fieldname = field_class.index_fieldname
            whoosh_field = schema[fieldname]
            if getattr(field_class, "facet_for", None) and not field_class.is_multivalued:
                schema.remove(fieldname)
                schema.add(fieldname, ID(stored=True))
            elif isinstance(whoosh_field, NGRAMWORDS):
                whoosh_field.analyzer = autocomplete_analyzer()
            elif isinstance(whoosh_field, TEXT) and field_class.analyzer is None:
                whoosh_field.analyzer = analyzer
        schema[content_field_name].spelling = True
        return content_field_name, schema

    def _writer(self):
        """The index writer, or `LockError` after `lock_timeout` seconds."""
        return self.index.writer(timeout=self.lock_timeout, delay=0.05)

    def update(self, index, iterable, commit=True):
        if not self.setup_complete:
            self.setup()
        docs = []
        for obj in iterable:
            try:
                doc = index.full_prepare(obj)
            except SkipDocument:
                continue
            for key in doc:
                doc[key] = self._from_python(doc[key])
            doc.pop("boost", None)
            docs.append(doc)
        if not docs:
            return
        with self._writing() as writer:
            for doc in docs:
                writer.update_document(**doc)

    def remove(self, obj_or_string, commit=True):
        if not self.setup_complete:
            self.setup()
        with self._writing() as writer:
            writer.delete_by_term(ID_FIELD, get_identifier(obj_or_string))

    @contextmanager
    def locked(self):
        """Holds the write lock around a read-then-write.

        Documents prepared inside are read from the database while nobody else may write: a
        slower request that read the database earlier cannot overwrite them afterwards with
        older text. `update` and `remove` inside share one writer, committed at the end.
        """
        if self._locked_writer is not None:
            yield
            return
        if not self.setup_complete:
            self.setup()
        with self._new_writer() as writer:
            self._locked_writer = writer
            try:
                yield
            finally:
                self._locked_writer = None

    @contextmanager
    def _new_writer(self):
        writer = self._writer()
        try:
            yield writer
        except BaseException:
            writer.cancel()
            raise
        writer.commit()

    def _writing(self):
        """The writer held by `locked()`, or a new one committed when the block ends."""
        if self._locked_writer is not None:
            return nullcontext(self._locked_writer)
        return self._new_writer()

    def search(self, query_string, spelling_query=None, **kwargs):
        results = super().search(query_string, spelling_query=spelling_query, **kwargs)
        if self.suggests_spelling and spelling_query and not results.get("hits"):
            results["spelling_suggestion"] = self.create_spelling_suggestion(spelling_query)
        return results

    def _process_results(self, raw_page, highlight=False, query_string="", **kwargs):
        results = super()._process_results(
            raw_page, highlight=False, query_string=query_string, **kwargs
        )
        if highlight:
            analyzer = HIGHLIGHT_ANALYZER
            terms = {token.text for token in analyzer(query_string)}
            for result in results["results"]:
                text = getattr(result, self.content_field_name, "") or ""
                excerpt = whoosh_highlight(
                    text[:HIGHLIGHT_MAX_CHARS],
                    terms,
                    analyzer,
                    ContextFragmenter(maxchars=240, surround=60),
                    HtmlFormatter(tagname="mark", classname="search-hit", termclass=""),
                )
                # The excerpt is HTML built from indexed text: keep only the highlight tags.
                result.highlighted = {
                    self.content_field_name: [nh3.clean(excerpt, tags={"mark"}, attributes={})]
                }
        return results

    def indexed_documents(self, model_ct):
        """{identifier: stored text} of one model's documents (`app_label.model_name`)."""
        if not self.setup_complete:
            self.setup()
        with self.index.searcher() as searcher:
            return {
                hit["id"]: hit.get(self.content_field_name, "")
                for hit in searcher.search(Term("django_ct", model_ct), limit=None)
            }


class FrenchWhooshEngine(WhooshEngine):
    backend = FrenchWhooshSearchBackend
