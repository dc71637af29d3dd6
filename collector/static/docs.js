// Swagger UI over the app's own OpenAPI document (vendored bundle: no CDN, strict CSP).
window.ui = SwaggerUIBundle({
  url: "/openapi.json",
  dom_id: "#swagger-ui",
  deepLinking: true,
});
