/* eslint-disable @typescript-eslint/no-require-imports */
// The login most cloud-development templates ship, kept as they write it, for `npm run bench` to
// compare against: query the caller's user by _openid, then add it or update it (two requests).
const cloud = require('wx-server-sdk');

cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });
const db = cloud.database();
const _ = db.command;

exports.main = async () => {
  const { OPENID, APPID, UNIONID } = cloud.getWXContext();
  const users = db.collection('users');
  const { data } = await users.where({ _openid: OPENID }).get();
  if (data.length === 0) {
    const user = {
      _openid: OPENID,
      appid: APPID,
      unionid: UNIONID,
      createdAt: db.serverDate(),
      lastLoginAt: db.serverDate(),
      loginCount: 1,
    };
    const { _id } = await users.add({ data: user });
    return { _id, openid: OPENID, isNewUser: true };
  }
  const user = data[0];
  await users.doc(user._id).update({ data: { lastLoginAt: db.serverDate(), loginCount: _.inc(1) } });
  return { _id: user._id, openid: OPENID, isNewUser: false, loginCount: user.loginCount + 1 };
};
