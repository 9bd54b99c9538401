/**
 * Cross-checks of a project's fits: Approach 2 (IsoFLOP) against Approach 3 (the parametric
 * Chinchilla fit), and the same law form fitted per dataset and compared.
 */
package dev.scaleplan.crosscheck;
