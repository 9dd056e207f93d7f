// A cloud function as DevTools' quickstart writes it: plain JavaScript, wx-server-sdk from its own node_modules.
const cloud = require('wx-server-sdk');

cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });
const db = cloud.database();

exports.main = async (event) => {
  const { OPENID } = cloud.getWXContext();
  const { _id } = await db
    .collection('notes')
    .add({ data: { _openid: OPENID, text: event.text, at: db.serverDate() } });
  return { _id, openid: OPENID };
};
