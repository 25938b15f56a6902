package org.peakpilot.platform;

import java.util.Collection;
import java.util.List;

import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/** The signed-in principal: a user row with its scope resolved at sign-in. */
final class PeakPilotUser implements UserDetails, CredentialsContainer {

	private final long id;
	private final String displayName;
	private String passwordHash;
	private final boolean enabled;
	private final AccessScope scope;

	PeakPilotUser(long id, String displayName, String passwordHash, boolean enabled, AccessScope scope) {
		this.id = id;
		this.displayName = displayName;
		this.passwordHash = passwordHash;
		this.enabled = enabled;
		this.scope = scope;
	}

	long id() {
		return id;
	}

	String displayName() {
		return displayName;
	}

	AccessScope scope() {
		return scope;
	}

	@Override
	public Collection<? extends GrantedAuthority> getAuthorities() {
		return List.of(new SimpleGrantedAuthority("ROLE_" + scope.role().name()));
	}

	@Override
	public String getPassword() {
		return passwordHash;
	}

	@Override
	public String getUsername() {
		return scope.actor();
	}

	@Override
	public boolean isEnabled() {
		return enabled;
	}

	@Override
	public void eraseCredentials() {
		passwordHash = null;
	}
}
