/*
 * The dashboard's side of the JSON API: the embed token and the GETs. The token comes from the
 * URL fragment (#token=...), which is removed from the address bar at once, so the link there can
 * be copied or bookmarked without it. It is kept in memory and in this tab's sessionStorage, so a
 * reload of the tab keeps working until the token expires. Answers are kept per URL with their
 * ETag, so a refresh sends If-None-Match and a 304 costs no body.
 */

const MAX_CACHED_ANSWERS = 60;

/** A 401 or 403: the link is no good, and retrying will not help. */
export class AuthError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/** The five answers a page shows, for {from, to, tz, granularity}. */
export function answerUrls(institutionId, params) {
  const apiBase = `/v1/institutions/${encodeURIComponent(institutionId)}`;
  const range = new URLSearchParams({from: params.from, to: params.to, tz: params.tz}).toString();
  return {
    summary: `${apiBase}/summary?${range}&compare=previous_period`,
    activity: `${apiBase}/activity?${range}&granularity=${params.granularity}`,
    funnel: `${apiBase}/funnel?${range}`,
    geo: `${apiBase}/geo?${range}`,
    types: `${apiBase}/credential-types?${range}&limit=10`,
  };
}

export class DashboardApi {
  constructor(institutionId) {
    this.institutionId = institutionId;
    this.token = null;
    this.answers = new Map();
  }

  /** Moves a token from the fragment into memory and drops the fragment from the address bar. */
  takeTokenFromFragment() {
    const hash = window.location.hash;
    if (!hash || hash.length < 2) {
      return false;
    }
    const token = new URLSearchParams(hash.slice(1)).get('token');
    window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
    if (!token) {
      return false;
    }
    this.token = token.trim();
    this.sessionToken(this.token);
    return this.token.length > 0;
  }

  /** The token an earlier load of this tab kept (a reload, or the back button). */
  takeTokenFromSession() {
    this.token = this.sessionToken();
    return Boolean(this.token);
  }

  /** Forgets the tab's stored token, so that a reload does not try a refused one again. */
  forgetStoredToken() {
    this.sessionToken(null);
  }

  /**
   * Reads, writes (a string) or forgets (null) this institution's token in sessionStorage, which
   * lives as long as the tab. Storage may be refused (e.g. in some third-party frames): then the
   * token lives in memory only.
   */
  sessionToken(value) {
    const key = `embed-token:${this.institutionId}`;
    try {
      if (value === undefined) {
        return window.sessionStorage.getItem(key);
      }
      if (value === null) {
        window.sessionStorage.removeItem(key);
      } else {
        window.sessionStorage.setItem(key, value);
      }
    } catch (e) {
      // storage unavailable: memory only
    }
    return null;
  }

  forgetAnswers() {
    this.answers.clear();
  }

  /**
   * One GET with the token. A 304 answers with the body kept from the last 200 for that URL, and
   * its freshness from the response's Date header; a 200's freshness is its as_of.
   */
  async get(url) {
    const kept = this.answers.get(url);
    const headers = {Authorization: `Bearer ${this.token}`, Accept: 'application/json'};
    if (kept && kept.etag) {
      headers['If-None-Match'] = kept.etag;
    }
    const response = await fetch(url, {headers, cache: 'no-store', credentials: 'omit', redirect: 'error'});
    if (response.status === 304 && kept) {
      const date = Date.parse(response.headers.get('Date'));
      return {url, body: kept.body, asOf: Number.isNaN(date) ? Date.now() : date};
    }
    if (response.status === 401 || response.status === 403) {
      throw new AuthError(response.status, await errorMessage(response));
    }
    if (!response.ok) {
      throw new Error(`${url} answered ${response.status}`);
    }
    const answer = await response.json();
    this.answers.delete(url);
    this.answers.set(url, {etag: response.headers.get('ETag'), body: answer});
    if (this.answers.size > MAX_CACHED_ANSWERS) {
      this.answers.delete(this.answers.keys().next().value);
    }
    return {url, body: answer, asOf: Date.parse(answer.as_of)};
  }
}

async function errorMessage(response) {
  try {
    return (await response.json()).message || '';
  } catch (e) {
    return '';
  }
}
