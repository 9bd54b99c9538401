/** Cross-cutting web concerns: RFC 9457 problem details, paging, request limits, OpenAPI setup. */
package dev.scaleplan.web;
