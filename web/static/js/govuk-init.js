// Start GOV.UK Frontend's components (skip link, buttons, error summary, banners).
import { initAll } from '../vendor/govuk-frontend/govuk-frontend.min.js';

document.body.classList.add('govuk-frontend-supported');
initAll();
