package org.peakpilot.platform;

/** The principal of an API call signed with a device token: a meter gateway, never a person. */
record DevicePrincipal(AccessScope scope) {

	@Override
	public String toString() {
		return scope.actor();
	}
}
