/** Projects: a named family of experiments whose runs are fitted together. */
package dev.scaleplan.projects;
