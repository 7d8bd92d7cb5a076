// A chosen file's content as the core's commands take it (`Bytes`): base64 text, made by
// the browser's own reader off the page's thread, so that a large file never crosses as
// an array of millions of numbers (which froze the window while it was written and read).
export function fileBase64(file: Blob): Promise<string> {
  return new Promise((ok, fail) => {
    const reader = new FileReader();
    reader.onerror = () => fail(reader.error ?? new Error('het bestand kon niet worden gelezen'));
    reader.onload = () => {
      const url = String(reader.result ?? '');
      ok(url.slice(url.indexOf(',') + 1));
    };
    reader.readAsDataURL(file);
  });
}
