// Run as `npx wxcloud exec -- node check.js`: calls the function as a simulated user, then reads what it
// wrote through this project's own wx-server-sdk. Exits non-zero, saying why, when anything differs.
const assert = require('node:assert/strict');
const cloud = require('wx-server-sdk');
const { callFunctionAs } = require('@wx-cloud-login/wxcloud');

async function main() {
  const answer = await callFunctionAs(
    process.env.CLOUDBASE_EMULATOR_URL,
    'addNote',
    { text: '你好' },
    { OPENID: 'o-foreign', APPID: 'wx-foreign' },
  );
  assert.equal(answer.ok, true, JSON.stringify(answer));
  assert.equal(answer.result.openid, 'o-foreign');
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });
  const { data } = await cloud.database().collection('notes').doc(answer.result._id).get();
  assert.equal(data.text, '你好');
  assert.equal(data._openid, 'o-foreign');
  assert.ok(data.at instanceof Date, 'serverDate reads back as a Date');
  console.log('check passed');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
