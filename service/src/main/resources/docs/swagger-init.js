// Swagger UI for the service's own OpenAPI document. A file of its own, not an inline script:
// the docs pages are served with Content-Security-Policy script-src 'self'.
window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({
    url: '/openapi/openapi.yaml',
    dom_id: '#swagger-ui',
    deepLinking: true,
    // No call to the public validator service: the page may connect only to this origin.
    validatorUrl: null,
    presets: [SwaggerUIBundle.presets.apis],
    layout: 'BaseLayout'
  });
});
