// Sign-in: creators with a browser wallet (EIP-1193 personal_sign of an EIP-4361 message), operators with an API key.
import { api, ndjson, Problem, setSession } from './api.js';
import { busy, field, h, section, showInfo } from './view.js';

const hex = text => '0x' + Array.from(new TextEncoder().encode(text), b => b.toString(16).padStart(2, '0')).join('');
const unhex = value => new TextDecoder().decode(new Uint8Array(value.slice(2).match(/../g).map(b => parseInt(b, 16))));
const siweTime = t => new Date(t).toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * The local run's development wallet as an EIP-1193 provider, so the console signs in the same way with it as with a
 * wallet extension. It exists only where the gateway serves /dev/wallet (the one-command local run).
 */
export async function developmentWallet() {
  const probe = await fetch('/dev/wallet', { headers: { Accept: 'application/json' } }).catch(() => null);
  if (!probe?.ok) return null;
  const { address } = await probe.json();
  return {
    isDevelopmentWallet: true,
    async request({ method, params }) {
      if (method === 'eth_requestAccounts' || method === 'eth_accounts') return [address];
      if (method === 'personal_sign') return (await api('POST', '/dev/wallet/sign', { message: unhex(params[0]) })).signature;
      throw Object.assign(new Error(`The development wallet does not do ${method}.`), { code: 4200 });
    },
  };
}

/** EIP-4361 with the audience and time the API gave with the nonce: exactly what /auth/siwe checks. */
export function signInMessage(n, address) {
  const issued = new Date(n.issuedAt);
  return [
    `${n.domain} wants you to sign in with your Ethereum account:`,
    address,
    '',
    'Sign in to the MicroEvents console to manage your drops.',
    '',
    `URI: ${n.uri}/console/`,
    'Version: 1',
    `Chain ID: ${n.chainId}`,
    `Nonce: ${n.nonce}`,
    `Issued At: ${siweTime(issued)}`,
    `Expiration Time: ${siweTime(issued.getTime() + 15 * 60_000)}`,
  ].join('\n');
}

export async function signInWithWallet(provider) {
  const [address] = await provider.request({ method: 'eth_requestAccounts' });
  const nonce = await api('GET', '/auth/nonce');
  if (!nonce.domain) throw new Problem(503, { title: 'Sign-in is not configured', detail: 'The API has no public address configured (Gateway__PublicUrl).' });
  const message = signInMessage(nonce, address);
  let signature;
  try {
    signature = await provider.request({ method: 'personal_sign', params: [hex(message), address] });
  } catch (e) {
    if (e instanceof Problem) throw e;
    throw new Problem(0, { title: 'The wallet did not sign', detail: e?.message ?? String(e) });
  }
  const signedIn = await api('POST', '/auth/siwe', { message, signature });
  setSession({ kind: 'creator', token: signedIn.token, wallet: signedIn.wallet, expiresAt: signedIn.expiresAt });
  return signedIn;
}

export async function signInWithKey(key) {
  setSession({ kind: 'operator', token: key.trim() });
  try {
    await ndjson('/events?limit=1'); // operators and analysts may read it: proves the key is live
  } catch (e) {
    setSession(null);
    throw e;
  }
}

export async function renderSignIn(main, done) {
  const wallet = window.ethereum ?? await developmentWallet();
  const creator = section('Creators: sign in with your wallet',
    h('p', {}, 'Your wallet signs a Sign-In with Ethereum message addressed to this API; the console then acts as you, on your own drops only.'),
    wallet
      ? h('button', { type: 'button', id: 'wallet-sign-in', onclick: busy(async () => { const s = await signInWithWallet(wallet); showInfo(`Signed in as ${s.wallet}.`); done(); }) },
        wallet.isDevelopmentWallet ? 'Sign in with the development wallet' : 'Sign in with your wallet')
      : h('p', {}, 'No browser wallet found. Install a wallet extension, or start the local run (dotnet run --project src/Silo), which offers a development wallet.'));
  const key = field('Operator or analyst API key', { type: 'password', id: 'api-key', autocomplete: 'off', required: true }, 'mev_… — printed once by the first local run, or made with `keys create`.');
  const operator = section('Operators: sign in with an API key',
    h('form', { id: 'key-form', onsubmit: busy(async e => { e.preventDefault(); await signInWithKey(key.input.value); showInfo('Signed in with an API key.'); done(); }) },
      key.el, h('button', { type: 'submit' }, 'Sign in with the key')));
  main.replaceChildren(h('h1', {}, 'Sign in'), creator, operator);
}
