/**
 * Cross-cutting web concerns: RFC 9457 problem details for every error (controllers, filters, the
 * firewall, {@code /error} and Tomcat's own rejections), strict request JSON, request body limits,
 * the one set of value bounds, paging and OpenAPI setup.
 */
package dev.scaleplan.web;
