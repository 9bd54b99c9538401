/** Application wiring: the embedded PostgreSQL, OpenAPI metadata, database logging. */
package dev.scaleplan.config;
