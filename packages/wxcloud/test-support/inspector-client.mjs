// A minimal debugger for the inspector test, run as `node --experimental-websocket inspector-client.mjs
// <ws url> <url regex> <line>`: reports the matching script (with its source map URL), sets a breakpoint
// at <line> (0-based) of it, prints "ready", and when the function stops there prints where and resumes.
const [url, urlRegex, line] = process.argv.slice(2);
const socket = new WebSocket(url);
let nextId = 1;
const send = (method, params = {}) => socket.send(JSON.stringify({ id: nextId++, method, params }));
const print = (value) => process.stdout.write(`${JSON.stringify(value)}\n`);

socket.addEventListener('open', () => {
  send('Debugger.enable');
  send('Debugger.setBreakpointByUrl', { urlRegex, lineNumber: Number(line) });
  send('Runtime.runIfWaitingForDebugger');
});
socket.addEventListener('message', (message) => {
  const data = JSON.parse(String(message.data));
  if (data.method === 'Debugger.scriptParsed' && new RegExp(urlRegex).test(data.params.url))
    print({ script: { url: data.params.url, sourceMapURL: data.params.sourceMapURL } });
  if (data.id === 2) print({ ready: (data.result?.breakpointId ?? null) !== null });
  if (data.method === 'Debugger.paused') {
    const frame = data.params.callFrames[0];
    print({ paused: { functionName: frame.functionName, lineNumber: frame.location.lineNumber } });
    send('Debugger.resume');
    setTimeout(() => socket.close(), 50);
  }
});
socket.addEventListener('close', () => process.exit(0));
