// Precompile the Python modules a browser run imports, with Pyodide itself, at build time.
//
//   node web/bytecode/precompile.mjs JOB.json
//
// JOB: {pyodide, wheels: [paths], lazyWheels: [paths], lazyImports: [names], src, out}.
// Pyodide starts in Node exactly as in the worker, installs the wheels, puts the repo's `src`
// on sys.path and runs the worker's warm-up (awaited.browser.session.warm_up). Then it installs
// the lazy wheels (trio, SQLAlchemy: the worker installs them on first import) and imports
// `lazyImports`, what a lesson's first trio or database example imports on top.
// Every module then imported from the standard library or
// site-packages (not awaited's own, which changes with every edit) is compiled by this very
// CPython into an unchecked-hash .pyc, so its magic number is Pyodide's by construction:
//   out/stdlib/<path>.pyc         for /lib/python314.zip/<path>.py
//   out/site-packages/<path>.pyc  for site-packages/<path>.py
// Modules that read their own source while starting (anyio's __init__) keep it.
// out/warm-up-modules.json lists the modules the warm-up leaves imported (its own test module
// aside): the worker can let the reader's first run stand in for the warm-up
// (awaited.browser.session.skip_warm_up).
// Column positions (PYTHONNODEBUGRANGES) and the warm-up modules' docstrings (blanked to "")
// are left out: they are a fifth of the bytes and only `help()` or carets under a traceback
// would show them.
import fs from "node:fs";

const job = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const { loadPyodide } = await import(new URL(`file://${job.pyodide}/pyodide.mjs`).href);
const pyodide = await loadPyodide({
  indexURL: `${job.pyodide}/`,
  env: { PYTHONNODEBUGRANGES: "1", HOME: "/home/pyodide" },
  stdout: () => {},
  stderr: (line) => process.stderr.write(`${line}\n`),
});
await pyodide.loadPackage(job.wheels, { messageCallback: () => {}, checkIntegrity: false });
// Installed now and imported only after the warm-up (below), as in the worker.
await pyodide.loadPackage(job.lazyWheels, { messageCallback: () => {}, checkIntegrity: false });
for (const [mount, root] of [["/awaited-src", job.src], ["/compiled", job.out]]) {
  fs.mkdirSync(root, { recursive: true });
  pyodide.FS.mkdirTree(mount);
  pyodide.FS.mount(pyodide.FS.filesystems.NODEFS, { root }, mount);
}
pyodide.runPython(`
import ast, importlib.util, os, site, sys
from importlib._bootstrap_external import _code_to_hash_pyc

import linecache

# Some modules read their own source while being imported (anyio's lazy importer parses its
# __init__.py): those keep their source, since compiling it is cheaper than fetching it.
read_at_start = set()
original_updatecache = linecache.updatecache


def recording_updatecache(filename, module_globals=None):
    read_at_start.add(filename)
    return original_updatecache(filename, module_globals)


linecache.updatecache = recording_updatecache
sys.path.insert(0, "/awaited-src")
from awaited.browser import session
session.start("/tmp")
session.warm_up()

import json

warm_up_modules = sorted(
    name for name, module in sys.modules.items()
    if not (getattr(module, "__file__", None) or "").startswith("/tmp/")
)
with open("/compiled/warm-up-modules.json", "w") as file:
    json.dump(warm_up_modules, file)

for name in ${JSON.stringify(job.lazyImports)}:
    importlib.import_module(name)
linecache.updatecache = original_updatecache

STDLIB = next(p for p in sys.path if p.endswith(".zip")) + "/"
SITE = site.getsitepackages()[0] + "/"


class BlankDocstrings(ast.NodeTransformer):
    def blank(self, node):
        self.generic_visit(node)
        first = node.body[0] if node.body else None
        if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
            if isinstance(first.value.value, str):
                first.value.value = ""
        return node

    visit_Module = visit_ClassDef = visit_FunctionDef = visit_AsyncFunctionDef = blank


def source_of(module, path):
    if path.startswith(STDLIB):
        return module.__loader__.get_data(path)
    with open(path, "rb") as file:
        return file.read()


for name, module in sorted(sys.modules.items()):
    path = getattr(module, "__file__", None) or ""
    if not path.endswith(".py") or not hasattr(module.__loader__, "get_data"):
        continue  # not from source (frozen into Python, or compiled code)
    if path in read_at_start:
        continue
    for prefix, folder in ((STDLIB, "stdlib"), (SITE, "site-packages")):
        if path.startswith(prefix):
            break
    else:
        continue  # awaited's own modules, and anything else
    source = source_of(module, path)
    tree = ast.parse(source, path)
    # Only the warm-up's modules lose their docstrings: SQLAlchemy, a lazy wheel, reads its own
    # (\`assert fn.__doc__\` in its decorators).
    if name in warm_up_modules:
        tree = BlankDocstrings().visit(tree)
    code = compile(tree, path, "exec", dont_inherit=True)
    target = f"/compiled/{folder}/{path[len(prefix):-3]}.pyc"
    os.makedirs(os.path.dirname(target), exist_ok=True)
    with open(target, "wb") as file:
        file.write(_code_to_hash_pyc(code, importlib.util.source_hash(source), False))
`);
