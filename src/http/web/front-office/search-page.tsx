import { ApplicationSearch, loadSearch, searchStatus, searchTexts } from '../application-search.js';
import { definePage } from '../page.js';
import { requireStaff } from '../page-context.js';
import { FoPage, frontOfficeRoles } from './components.js';

/**
 * /front-office/search?q=: the applications accepted at this front office by number or
 * applicant IIN (issue 18, point 7), each linking to its front-office page.
 */
export const frontOfficeSearchPage = definePage({
  path: '/front-office/search',
  guard: (c) => requireStaff(c, frontOfficeRoles),
  load: loadSearch,
  statusOf: searchStatus,
  View: ({ ctx, data }) => (
    <FoPage ctx={ctx} title={searchTexts.title[ctx.locale]} current="/front-office/search">
      <h1>{searchTexts.title[ctx.locale]}</h1>
      <ApplicationSearch
        ctx={ctx}
        data={data}
        action="/front-office/search"
        hrefOf={(id) => `/front-office/applications/${id}`}
      />
    </FoPage>
  ),
});
