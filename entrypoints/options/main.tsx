import { render } from 'preact';
import { OptionsHome } from '../../components/OptionsHome';
import { pickLocale } from '../../core/i18n';

const root = document.getElementById('app');
if (root) render(<OptionsHome locale={pickLocale(navigator.language)} />, root);
