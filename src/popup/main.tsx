import { render } from 'preact';
import '../ui/style.css';
import { Popup } from './popup';

render(<Popup />, document.getElementById('app') as HTMLElement);
