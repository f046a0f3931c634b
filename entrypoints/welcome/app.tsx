import { browser } from 'wxt/browser';
import demo from './demo.png';
import { useDemoStatus } from './demo-receiver';
import './welcome.css';

/** The first-run page: what the extension does, a try with no key, the toolbar icon, where keys go. */
export function App() {
  const status = useDemoStatus();
  const options = browser.runtime.getURL('/options.html');
  return (
    <main className="welcome">
      <h1>Welcome to Enhance in Place</h1>
      <p>
        Right-click an image on any page, choose <strong>Enhance image</strong> and what to do — upscale,
        remove the background, denoise and more. The result replaces the image in place, with a small marker
        to flip back to the original.
      </p>

      <section aria-labelledby="try">
        <h2 id="try">Try it — on device, no key</h2>
        <p>
          Right-click this picture, then choose <strong>Enhance image</strong> → <strong>Upscale</strong> →{' '}
          <strong>Upscale 2× · On device</strong>. It runs in your browser: nothing is sent anywhere.
        </p>
        <figure>
          <img data-demo src={demo} width={240} height={160} alt="Demo picture: hills under an evening sky" />
          <figcaption aria-live="polite">
            {status.state === 'replaced'
              ? `Enhanced: now ${status.width} × ${status.height} pixels, in the same place.`
              : '240 × 160 pixels.'}
          </figcaption>
        </figure>
      </section>

      <section aria-labelledby="pin">
        <h2 id="pin">Pin the toolbar icon</h2>
        <p>
          Click the puzzle-piece <strong>Extensions</strong> button right of the address bar, then the pin
          beside <strong>Enhance in Place</strong>. Its badge counts running jobs, shows ✓ when they are done
          (! when one failed) until you open it, and the popup lists every job with its progress.
        </p>
      </section>

      <section aria-labelledby="keys">
        <h2 id="keys">Cloud providers use your own key</h2>
        <p>
          HitPaw, EnhanceCraft and TensorPix run with an API key from each provider. Add yours in{' '}
          <a href={options}>Options</a>; a key is sent only to its own provider.
        </p>
      </section>
    </main>
  );
}
