import { PublicOrigin } from './public-origin';

describe("an organization's public origin", () => {
  it('is https on its primary host, on the default port', () => {
    expect(new PublicOrigin(3000).of('participer.ville.fr')).toBe('https://participer.ville.fr');
    expect(new PublicOrigin().of('Participer.Ville.fr')).toBe('https://participer.ville.fr');
  });

  it('is http with the local port for a loopback host only', () => {
    expect(new PublicOrigin(3000).of('localhost')).toBe('http://localhost:3000');
    expect(new PublicOrigin(4000).of('127.0.0.1')).toBe('http://127.0.0.1:4000');
    expect(new PublicOrigin().of('localhost')).toBe('http://localhost');
    expect(new PublicOrigin(3000).of('demo.localhost')).toBe('https://demo.localhost');
  });

  it('refuses a bad LOCAL_PUBLIC_PORT rather than guessing', () => {
    expect(PublicOrigin.load({ LOCAL_PUBLIC_PORT: '8080' }).localPort).toBe(8080);
    expect(PublicOrigin.load({}).localPort).toBeUndefined();
    expect(() => PublicOrigin.load({ LOCAL_PUBLIC_PORT: 'http' })).toThrow(/LOCAL_PUBLIC_PORT/);
  });
});
