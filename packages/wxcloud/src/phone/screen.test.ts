/** Finding elements and their bindings in WXML, and privacy consent as the base library runs it. */
import { boundHandler, findElement, parseWxml, wxEvent } from './screen';
import { PrivacyConsent } from './privacy';

const AVATAR_BUTTON = [
  '<button id="choose-avatar" open-type="chooseAvatar" bindchooseavatar="onChooseAvatar" disabled="{{busy}}">',
  '头像</button>',
].join('');
const WXML = `
<view class="page">
  <!-- <button id="commented" bindtap="never"></button> -->
  ${AVATAR_BUTTON}
  <form id="nickname-form" bindsubmit="onSubmit"><input type="nickname" name="nickName" /></form>
  <button id="a" bind:tap="onA" data-user-id="7">A</button>
  <button id="b" catchtap="onB" />
</view>`;

describe('WXML', () => {
  const elements = parseWxml(WXML);

  it('finds an element by id or attribute, and the handler it binds', () => {
    expect(boundHandler(findElement(elements, '#choose-avatar'), 'chooseavatar')).toBe('onChooseAvatar');
    expect(boundHandler(findElement(elements, '[open-type=chooseAvatar]'), 'chooseavatar')).toBe('onChooseAvatar');
    expect(boundHandler(findElement(elements, '#a'), 'tap')).toBe('onA');
    expect(boundHandler(findElement(elements, '#b'), 'tap')).toBe('onB');
    expect(boundHandler(findElement(elements, '[type=nickname]'), 'tap')).toBeUndefined();
  });

  it('ignores comments and refuses a selector that matches nothing or several elements', () => {
    expect(() => findElement(elements, '#commented')).toThrow(/no element/);
    expect(() => findElement(elements, '[class=page]')).not.toThrow();
    expect(() => findElement(parseWxml('<view id="x"/><view id="x"/>'), '#x')).toThrow(/more than one/);
  });

  it('gives the handler the target id and dataset', () => {
    expect(wxEvent('tap', findElement(elements, '#a'), {}).target).toEqual({ id: 'a', dataset: { userId: '7' } });
  });
});

describe('PrivacyConsent', () => {
  it('makes a guarded API wait for the listener, and accepts only a tapped agree button', async () => {
    const privacy = new PrivacyConsent();
    let resolve: ((answer: { event: 'agree' | 'disagree'; buttonId?: string }) => void) | undefined;
    privacy.onNeed((r) => (resolve = r));
    const waiting = privacy.guard('chooseAvatar');
    let settled = false;
    void waiting.then(
      () => (settled = true),
      () => (settled = true),
    );
    await Promise.resolve();
    expect(settled).toBe(false);
    resolve?.({ event: 'agree', buttonId: 'never-tapped' });
    await expect(waiting).rejects.toMatchObject({ errno: 104 });

    const again = privacy.guard('chooseAvatar');
    privacy.tappedAgreeButtons.add('agree');
    resolve?.({ event: 'agree', buttonId: 'agree' });
    await expect(again).resolves.toBeUndefined();
    await expect(privacy.guard('getPhoneNumber')).resolves.toBeUndefined(); // agreed once, for all guarded APIs
    expect(privacy.prompts).toEqual(['chooseAvatar', 'chooseAvatar']);
  });

  it("answers with the platform's own popup when the app registers no listener", async () => {
    await expect(new PrivacyConsent('disagree').guard('chooseAvatar')).rejects.toMatchObject({ errno: 104 });
    await expect(new PrivacyConsent('agree').guard('chooseAvatar')).resolves.toBeUndefined();
  });
});
