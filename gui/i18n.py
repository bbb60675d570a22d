"""GradLab's languages: English (the source texts) and Simplified Chinese, switched live.

Every visible string goes through Qt's translation: `translate("Context", "Source text")`
(a literal, so that pyside6-lupdate can read it; numbers and names go in afterwards with
`.format(name=...)`). Tables built at import time mark their texts with
`QT_TRANSLATE_NOOP("Context", "text")` and translate them when they are shown.

    set_language(app, "zh_CN")        # installs the translators; every widget gets LanguageChange
    on_language_change(self, self.retranslate)   # texts set once are set again then

The translations live in resources/i18n/gradlab_<code>.ts (in the repository); Qt reads
the compiled .qm. `make` compiles it beside the .ts (git-ignored); an install that has no
up-to-date .qm (a wheel, a plain `pip install -e .`, a .ts edited since) compiles it once
with the lrelease that PySide6 ships, into the cache folder, named by a hash of the .ts:
so a .qm can never be older than its .ts, and no build step needs Qt.

Nothing here is remembered between launches (gui/settings.py does that); the language
in use is the application's property "gradlab_language". Tests that switch to Chinese
switch back with `set_language(app, "en")`: other tests read the English texts.
"""

from __future__ import annotations

import types
import logging
import os
import sys
import weakref
from collections.abc import Callable, Iterable
from pathlib import Path

from PySide6 import QtCore

LOG = logging.getLogger(__name__)

# The codes `set_language` takes, and each language's name in itself (the menu shows these).
LANGUAGES = {"en": "English", "zh_CN": "中文"}
SOURCE_LANGUAGE = "en"
# Extra compiled translations (scratch files of engineers translating a tab), ":"-separated.
EXTRA_QM_ENV = "GRADLAB_EXTRA_QM"
CACHE_ENV = "GRADLAB_CACHE_DIR"  # tests keep their own cache (as core/optimizers/rule_kernel.py)
PROPERTY = "gradlab_language"

# The installed translators, kept alive here (Qt holds only a pointer to them).
_installed: list[QtCore.QTranslator] = []


def translate(context: str, text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """`text` in the current language (itself when no translation is installed or known)."""
    return QtCore.QCoreApplication.translate(context, text, disambiguation, n)


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - Qt's (and lupdate's) name
    """Marks `text` for pyside6-lupdate under `context`; returns it unchanged."""
    return text


def system_language(locale: QtCore.QLocale | None = None) -> str:
    """The language the system asks for: "zh_CN" for any Chinese locale (zh, zh_TW, zh_HK
    read Simplified better than English), else "en"."""
    locale = QtCore.QLocale.system() if locale is None else locale
    names = [locale.name(), *locale.uiLanguages()]
    return "zh_CN" if any(n.lower().startswith("zh") for n in names[:2]) else "en"


def current_language(app: QtCore.QCoreApplication | None = None) -> str:
    """The code last given to `set_language` ("en" before any)."""
    app = app or QtCore.QCoreApplication.instance()
    value = app.property(PROPERTY) if app is not None else None
    return value if value in LANGUAGES else SOURCE_LANGUAGE


def check_code(code: str) -> str:
    """`code` if it names a language; else a ValueError of one line that lists them."""
    if code not in LANGUAGES:
        raise ValueError(f"unknown language {code!r}: choose one of {', '.join(LANGUAGES)}")
    return code


def set_language(app: QtCore.QCoreApplication, code: str) -> list[str]:
    """Show `app` in `code` ("en" or "zh_CN") from now on, live.

    Removes the translators installed before, then (for a language other than English)
    installs Qt's own (qtbase: the standard dialogs' 确定/取消), GradLab's and every file in
    $GRADLAB_EXTRA_QM, in that order (the last installed is asked first). Every widget gets
    a LanguageChange event before this returns. Returns the problems, one line each (a
    translation that could not be found or compiled: its texts stay English)."""
    check_code(code)
    for translator in _installed:
        app.removeTranslator(translator)
        translator.deleteLater()  # a child of the app: gone once the switch is done
    _installed.clear()
    problems: list[str] = []
    if code != SOURCE_LANGUAGE:
        files: list[Path] = []
        qt_own = _qt_translation(code)
        if qt_own is not None:
            files.append(qt_own)
        ours = compiled_translation(code)
        if ours is None:
            problems.append(f"GradLab's {LANGUAGES[code]} translation could not be loaded "
                            f"(resources/i18n/gradlab_{code}.ts)")
        else:
            files.append(ours)
        files.extend(_extra_files())
        for path in files:
            translator = QtCore.QTranslator(app)
            if translator.load(str(path)) and app.installTranslator(translator):
                _installed.append(translator)
            else:
                problems.append(f"cannot load the translation {path}")
    app.setProperty(PROPERTY, code)
    prefer_font(app, code)
    # Installing posts LanguageChange to the windows; deliver it now, so that the texts
    # are switched when this returns (menus, tests and screenshots read them right away).
    QtCore.QCoreApplication.sendPostedEvents(None, QtCore.QEvent.Type.LanguageChange)
    for problem in problems:
        LOG.warning(problem)
    return problems


def _qt_translation(code: str) -> Path | None:
    """Qt's own translation of its dialogs' buttons, when PySide6 ships one."""
    folder = QtCore.QLibraryInfo.path(QtCore.QLibraryInfo.LibraryPath.TranslationsPath)
    path = Path(folder) / f"qtbase_{code}.qm"
    return path if path.is_file() else None


def _extra_files() -> list[Path]:
    raw = os.environ.get(EXTRA_QM_ENV, "")
    return [Path(p) for p in raw.split(os.pathsep) if p]


# -- the compiled translation ------------------------------------------------------------
def source_file(code: str) -> Path:
    """The translation source kept in the repository: resources/i18n/gradlab_<code>.ts."""
    from gradlab import resources  # noqa: PLC0415 - a package of data, no Qt

    return Path(resources.__file__).parent / "i18n" / f"gradlab_{code}.ts"


def compiled_translation(code: str) -> Path | None:
    """The .qm that Qt loads for `code`: the one beside the .ts when it is not older than
    it (`make` builds it), else one compiled into the cache folder now (once per .ts
    text). None when there is no .ts or it cannot be compiled."""
    ts = source_file(code)
    if not ts.is_file():
        return None
    beside = ts.with_suffix(".qm")
    if beside.is_file() and beside.stat().st_mtime >= ts.stat().st_mtime:
        return beside
    import hashlib  # noqa: PLC0415 - only when no .qm was built (not on English start-up)

    digest = hashlib.sha256(ts.read_bytes()).hexdigest()[:16]
    cached = cache_folder() / f"gradlab_{code}-{digest}.qm"
    if cached.is_file():
        return cached
    return cached if compile_ts(ts, cached) else None


def cache_folder() -> Path:
    """$GRADLAB_CACHE_DIR/i18n when set (tests), else the user cache folder's gradlab/i18n."""
    base = os.environ.get(CACHE_ENV)
    if not base:
        import platformdirs  # noqa: PLC0415

        base = platformdirs.user_cache_dir("gradlab")
    return Path(base) / "i18n"


def lrelease() -> str | None:
    """The lrelease program PySide6 ships (beside the package, or pyside6-lrelease)."""
    import shutil  # noqa: PLC0415 - only to compile a .qm

    import PySide6  # noqa: PLC0415

    exe = Path(PySide6.__file__).parent / ("lrelease.exe" if sys.platform == "win32" else "lrelease")
    if exe.is_file():
        return str(exe)
    return shutil.which("pyside6-lrelease")


def compile_ts(ts: Path, qm: Path) -> bool:
    """Compile `ts` into `qm` with lrelease (atomically: a reader never sees half a file)."""
    import subprocess  # noqa: PLC0415 - only to compile a .qm

    from gradlab.core.atomic_file import atomic_path  # noqa: PLC0415

    program = lrelease()
    if program is None:
        LOG.warning("lrelease not found: cannot compile %s", ts)
        return False
    try:
        qm.parent.mkdir(parents=True, exist_ok=True)
        with atomic_path(qm) as tmp:
            done = subprocess.run([program, "-silent", str(ts), "-qm", str(tmp)],
                                  capture_output=True, text=True, timeout=60)
            if done.returncode != 0 or not Path(tmp).is_file():
                raise OSError(done.stderr.strip() or f"lrelease exited {done.returncode}")
    except (OSError, subprocess.SubprocessError) as exc:
        LOG.warning("cannot compile %s: %s", ts, exc)
        return False
    return True


# -- live switching ---------------------------------------------------------------------
class _LanguageChangeFilter(QtCore.QObject):
    """Calls back when its parent receives LanguageChange (a child: it dies with it)."""

    def __init__(self, watched: QtCore.QObject, callback: Callable[[], object]) -> None:
        super().__init__(watched)
        # A bound method is held weakly: a strong one would tie the widget's Python object
        # to this child of it, a cycle that only the garbage collector breaks, at a moment
        # when Qt may still be using the widget's parts (seen as crashes in tests).
        self._callback: Callable[[], Callable[[], object] | None] = (
            weakref.WeakMethod(callback) if isinstance(callback, types.MethodType) else (lambda: callback))
        watched.installEventFilter(self)

    def eventFilter(self, watched: QtCore.QObject, event: QtCore.QEvent) -> bool:  # noqa: N802
        if event.type() == QtCore.QEvent.Type.LanguageChange:
            callback = self._callback()
            if callback is not None:
                callback()
        return False


def on_language_change(widget: QtCore.QObject, callback: Callable[[], object]) -> None:
    """Call `callback()` whenever `widget` receives LanguageChange (Qt sends it to every
    widget, and to the application, when a translator is installed or removed)."""
    _LanguageChangeFilter(widget, callback)


# -- fonts --------------------------------------------------------------------------------
def chinese_font_families() -> list[str]:
    """The installed font families that cover Simplified Chinese (needs a QGuiApplication)."""
    from PySide6 import QtGui  # noqa: PLC0415

    return list(QtGui.QFontDatabase.families(QtGui.QFontDatabase.WritingSystem.SimplifiedChinese))


# Sans-serif families for Simplified Chinese, best first (Noto's is Debian's fonts-noto-cjk).
CJK_FAVOURITES = ("Noto Sans CJK SC", "Source Han Sans SC", "Source Han Sans CN", "WenQuanYi Micro Hei",
                  "WenQuanYi Zen Hei", "Microsoft YaHei", "PingFang SC", "Hiragino Sans GB",
                  "Droid Sans Fallback")
FONT_PROPERTY = "gradlab_font_families"  # the app font's own families, before any language


def chinese_font_family(families: Iterable[str] | None = None) -> str | None:
    """The family Chinese text is drawn in: a known sans-serif one when installed, else the
    first sans-serif (not monospaced) family that covers Chinese, else None."""
    families = chinese_font_families() if families is None else list(families)
    for name in CJK_FAVOURITES:
        if name in families:
            return name
    sans = [f for f in families if "serif" not in f.lower() and "mono" not in f.lower()]
    return (sans or families or [None])[0]


def prefer_font(app: QtCore.QCoreApplication, code: str) -> None:
    """In Chinese, put a CJK family first in the application's font: left to Qt's fallback,
    the Latin font keeps the characters it also has (the quotes “ ” and ‘ ’, the middle
    dot), drawn narrow and Latin-shaped among the Chinese. In English, the font's own
    families again. Widgets that did not set a family of their own follow."""
    from PySide6 import QtGui  # noqa: PLC0415 - a QCoreApplication (the CLI) has no fonts

    if not isinstance(app, QtGui.QGuiApplication):
        return
    font = app.font()  # QApplication's (a widget's default), when it is one
    own = app.property(FONT_PROPERTY)
    if own is None:
        own = list(font.families())
        app.setProperty(FONT_PROPERTY, own)
    families = list(own)
    if code == "zh_CN":
        cjk = chinese_font_family()
        if cjk is not None:
            families = [cjk, *(f for f in families if f != cjk)]
    if list(font.families()) != families:
        font.setFamilies(families)
        app.setFont(font)  # QApplication.setFont: every widget's inherited font follows


def missing_font_note(code: str, families: Iterable[str] | None = None) -> str | None:
    """One status-bar line when `code` needs a font the system does not have, else None.
    Said in both languages: the reader may not yet read either well on this screen."""
    if code != "zh_CN":
        return None
    families = chinese_font_families() if families is None else list(families)
    if families:
        return None
    return ("No Chinese font found: install fonts-noto-cjk · "
            "未找到中文字体：请安装 fonts-noto-cjk")
