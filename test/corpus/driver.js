/* eslint-disable @typescript-eslint/no-require-imports */
// Run under `wxcloud exec --project <fixture>`: seeds what the project expects to find (collections,
// documents, files), then sends the events its pages send, as the users who send them, through the
// emulator's wx.cloud.callFunction endpoint, in order. Prints one JSON line: the file ids and answers.
const { readFileSync } = require('node:fs');

const [scenarioFile, sdkDir] = process.argv.slice(2);
const scenario = JSON.parse(readFileSync(scenarioFile, 'utf8'));
const cloud = require(require.resolve('wx-server-sdk', { paths: [sdkDir] }));
cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });

async function seed() {
  const db = cloud.database();
  for (const name of scenario.collections) await db.createCollection(name);
  for (const [name, docs] of Object.entries(scenario.seed))
    if (docs.length > 0) await db.collection(name).add({ data: docs });
  const fileIds = {};
  for (const [cloudPath, base64] of Object.entries(scenario.files)) {
    fileIds[cloudPath] = (await cloud.uploadFile({ cloudPath, fileContent: Buffer.from(base64, 'base64') })).fileID;
  }
  return fileIds;
}

function resolveRefs(value, fileIds, answers) {
  if (typeof value === 'string' && value.startsWith('$file:')) return fileIds[value.slice(6)];
  if (typeof value === 'string' && value.startsWith('$result:')) {
    const [index, ...path] = value.slice(8).split('.');
    return path.reduce((node, key) => (node == null ? node : node[key]), answers[Number(index)].result);
  }
  if (Array.isArray(value)) return value.map((item) => resolveRefs(item, fileIds, answers));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, resolveRefs(item, fileIds, answers)]));
  return value;
}

async function call(step, fileIds, answers) {
  const response = await fetch(`${process.env.CLOUDBASE_EMULATOR_URL}/functions/${step.name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ data: resolveRefs(step.data, fileIds, answers), wxContext: scenario.users[step.user] }),
  });
  const body = await response.json();
  return response.status === 200 && typeof body.errCode !== 'number'
    ? { ok: true, result: body.result }
    : { ok: false, errCode: body.errCode, errMsg: body.errMsg };
}

(async () => {
  const fileIds = await seed();
  const answers = [];
  for (const step of scenario.calls) answers.push(await call(step, fileIds, answers));
  console.log(JSON.stringify({ fileIds, answers }));
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
