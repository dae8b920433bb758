// Unpacks a zip whose entries are all *stored* (not deflated) straight into Pyodide's
// in-memory file system: the build writes the wheels and course.zip that way
// (awaited.site.precompress.stored_zip) so that the brotli twin compresses across files. This
// is Pyodide's loadPackage minus its Python-side work per wheel (a temporary file,
// shutil.unpack_archive, a second pass for metadata and shared libraries), which cost about
// half a second of the start for twenty-odd wheels. Wheels with a shared library still go
// through loadPackage (worker.js), which loads the library.

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const STORED = 0;

function endOfDirectory(view, name) {
  // The record is 22 bytes plus a comment of up to 64 KiB, at the very end.
  for (let at = view.byteLength - 22; at >= Math.max(0, view.byteLength - 22 - 0xffff); at -= 1) {
    if (view.getUint32(at, true) === END_OF_DIRECTORY) return at;
  }
  throw new Error(`${name} is not a zip archive (no end-of-directory record)`);
}

// Writes every file of `bytes` (a Uint8Array) under `target`; returns how many.
export function extractStoredZip(FS, bytes, target, name) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = endOfDirectory(view, name);
  const count = view.getUint16(end + 10, true);
  let entry = view.getUint32(end + 16, true);
  const decoder = new TextDecoder();
  const folders = new Set();
  let written = 0;
  for (let index = 0; index < count; index += 1) {
    if (view.getUint32(entry, true) !== DIRECTORY_ENTRY) throw new Error(`${name}: corrupt central directory`);
    const method = view.getUint16(entry + 10, true);
    const size = view.getUint32(entry + 20, true);
    const nameLength = view.getUint16(entry + 28, true);
    const extraLength = view.getUint16(entry + 30, true);
    const commentLength = view.getUint16(entry + 32, true);
    const local = view.getUint32(entry + 42, true);
    const path = decoder.decode(bytes.subarray(entry + 46, entry + 46 + nameLength));
    entry += 46 + nameLength + extraLength + commentLength;
    if (path.endsWith("/")) continue;
    if (path.startsWith("/") || path.split("/").includes("..")) throw new Error(`${name}: unsafe path ${path}`);
    if (method !== STORED) throw new Error(`${name}: ${path} is compressed; the build stores every entry`);
    if (view.getUint32(local, true) !== LOCAL_HEADER) throw new Error(`${name}: corrupt entry ${path}`);
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    const file = `${target}/${path}`;
    const folder = file.slice(0, file.lastIndexOf("/"));
    if (!folders.has(folder)) {
      FS.mkdirTree(folder);
      folders.add(folder);
    }
    FS.writeFile(file, bytes.subarray(start, start + size));
    written += 1;
  }
  return written;
}
