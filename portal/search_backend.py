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


def autocomplete_analyzer(minsize=2, maxsize=15):
    return (
        RegexTokenizer()
        | LowercaseFilter()
        | CharsetFilter(accent_map)
        | NgramFilter(minsize=minsize, maxsize=maxsize, at="start")
    )


class FrenchWhooshSearchBackend(WhooshSearchBackend):
    def __init__(self, connection_alias, **connection_options):
        super().__init__(connection_alias, **connection_options)
        self.lock_timeout = connection_options.get(
            "LOCK_TIMEOUT", getattr(settings, "SEARCH_INDEX_LOCK_TIMEOUT", 1.0)
        )
        self._locked_writer = None

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
        self.index = self.index.refresh()
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

    def _process_results(self, raw_page, highlight=False, query_string="", **kwargs):
        results = super()._process_results(
            raw_page, highlight=False, query_string=query_string, **kwargs
        )
        if highlight:
            analyzer = french_analyzer()
            terms = {token.text for token in analyzer(query_string)}
            for result in results["results"]:
                text = getattr(result, self.content_field_name, "") or ""
                excerpt = whoosh_highlight(
                    text,
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
        self.index = self.index.refresh()
        with self.index.searcher() as searcher:
            return {
                hit["id"]: hit.get(self.content_field_name, "")
                for hit in searcher.search(Term("django_ct", model_ct), limit=None)
            }


class FrenchWhooshEngine(WhooshEngine):
    backend = FrenchWhooshSearchBackend
