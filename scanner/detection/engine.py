"""Build Presidio's AnalyzerEngine for Dutch from the shipped configuration.

The NLP engine comes from config/nlp/nlp.yaml (a spaCy pipeline loaded by path, never downloaded),
the recognizers from Presidio's YAML registry config/recognizers.yaml, and the register-name
recognizer is added per scan because it is built from the school's own records.
"""

from __future__ import annotations

import logging
from pathlib import Path

import spacy
import yaml
from presidio_analyzer import AnalyzerEngine
from presidio_analyzer.nlp_engine import NlpEngine, NlpEngineProvider
from presidio_analyzer.recognizer_registry import RecognizerRegistryProvider

import scanner.detection.recognizers  # noqa: F401  (registers the Dutch classes for the YAML loader)
from config import CONFIG_DIR
from scanner.detection.analyzer import SchoolAnalyzerEngine
from scanner.detection.context import LinearLemmaContextEnhancer
from scanner.detection.nlp_engine import SchoolSpacyNlpEngine
from scanner.detection.recognizers.register_names import RegisterNameRecognizer
from scanner.kernel.model import KnownPerson

log = logging.getLogger(__name__)
DEFAULT_NLP = CONFIG_DIR / "nlp" / "nlp.yaml"
RECOGNIZERS = CONFIG_DIR / "recognizers.yaml"


def _load_components() -> None:
    """Custom spaCy components of the shipped pipeline, if it has any."""
    try:
        import config.nlp.components  # noqa: F401
    except ImportError:
        pass


def nlp_engine(conf_file: Path | None = None) -> NlpEngine:
    conf_file = Path(conf_file or DEFAULT_NLP)
    conf = yaml.safe_load(conf_file.read_text(encoding="utf-8"))
    model = conf["models"][0]["model_name"]
    local = (conf_file.parent / model).resolve()
    if local.exists():
        conf["models"][0]["model_name"] = str(local)
    elif not spacy.util.is_package(model):
        # Never download: fall back to a blank Dutch tokenizer and say that names need the model.
        log.warning("spaCy model %s not found; names are found only from the register and titles", model)
        engine = SchoolSpacyNlpEngine(models=[{"lang_code": "nl", "model_name": "blank-nl"}])
        engine.nlp = {"nl": spacy.blank("nl")}
        return engine
    _load_components()
    provider = NlpEngineProvider(nlp_configuration=conf)
    provider.nlp_engines[SchoolSpacyNlpEngine.engine_name] = SchoolSpacyNlpEngine  # beside Presidio's own
    return provider.create_engine()


def build_analyzer(people: list[KnownPerson] | None = None, nlp_conf: Path | None = None,
                   engine: NlpEngine | None = None, own_names: list[str] | None = None) -> AnalyzerEngine:
    """`own_names` (the organisation's and its schools' names) are text the NER need not read."""
    engine = engine or nlp_engine(nlp_conf)
    registry = RecognizerRegistryProvider(conf_file=RECOGNIZERS, nlp_engine=engine).create_recognizer_registry()
    registry.add_recognizer(RegisterNameRecognizer(people or []))
    return SchoolAnalyzerEngine(nlp_engine=engine, registry=registry, supported_languages=["nl"],
                                context_aware_enhancer=LinearLemmaContextEnhancer(), own_names=own_names)
