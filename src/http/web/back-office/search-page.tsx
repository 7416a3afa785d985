import { ApplicationSearch, loadSearch, searchStatus, searchTexts } from '../application-search.js';
import { Page } from '../layout.js';
import { definePage } from '../page.js';
import { requireStaff } from '../page-context.js';
import { backOfficeNav, backOfficeRoles } from './components.js';

/**
 * /back-office/search?q=: the provider's applications by number or applicant IIN (issue 18,
 * point 7), each linking to its application page.
 */
export const searchPage = definePage({
  path: '/back-office/search',
  guard: (c) => requireStaff(c, backOfficeRoles),
  load: loadSearch,
  statusOf: searchStatus,
  View: ({ ctx, data }) => (
    <Page
      ctx={ctx}
      title={searchTexts.title[ctx.locale]}
      nav={backOfficeNav}
      current="/back-office/search"
    >
      <h1>{searchTexts.title[ctx.locale]}</h1>
      <ApplicationSearch
        ctx={ctx}
        data={data}
        action="/back-office/search"
        hrefOf={(id) => `/back-office/applications/${id}`}
      />
    </Page>
  ),
});
