import { browser } from 'wxt/browser';
import { richMessage } from '@/components/rich-message';
import { t } from '@/utils/i18n';
import demo from './demo.png';
import { useDemoStatus } from './demo-receiver';
import './welcome.css';

/** The first-run page: what the extension does, a try with no key, the toolbar icon, where keys go. */
export function App() {
  const status = useDemoStatus();
  const options = browser.runtime.getURL('/options.html');
  return (
    <main className="welcome">
      <h1>{t('welcome_title')}</h1>
      <p>{richMessage('welcome_intro', [<strong>{t('menu_enhance_image')}</strong>])}</p>

      <section aria-labelledby="try">
        <h2 id="try">{t('welcome_try_title')}</h2>
        <p>
          {richMessage('welcome_try', [
            <>
              <strong>{t('menu_enhance_image')}</strong> → <strong>{t('group_upscale')}</strong> →{' '}
              <strong>{t('demo_operation')}</strong>
            </>,
          ])}
        </p>
        <figure>
          <img data-demo src={demo} width={240} height={160} alt={t('welcome_demo_alt')} />
          <figcaption aria-live="polite">
            {status.state === 'replaced'
              ? t('welcome_demo_replaced', [status.width ?? '?', status.height ?? '?'])
              : t('welcome_demo_size', [240, 160])}
          </figcaption>
        </figure>
      </section>

      <section aria-labelledby="pin">
        <h2 id="pin">{t('welcome_pin_title')}</h2>
        <p>
          {richMessage('welcome_pin', [
            <strong>{t('welcome_extensions_button')}</strong>,
            <strong>{t('ext_name')}</strong>,
          ])}
        </p>
      </section>

      <section aria-labelledby="keys">
        <h2 id="keys">{t('welcome_keys_title')}</h2>
        <p>{richMessage('welcome_keys', [<a href={options}>{t('welcome_options_link')}</a>])}</p>
      </section>
    </main>
  );
}
