/** API keys with scopes: storage (hashed), the keys resource, bearer authentication and the bootstrap admin key. */
package dev.scaleplan.keys;
