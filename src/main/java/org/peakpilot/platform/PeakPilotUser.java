package org.peakpilot.platform;

import java.util.Collection;
import java.util.List;

import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * The signed-in principal: a user row with its scope resolved at sign-in, and the user's security stamp at that
 * moment; a web session whose stamp is no longer the stored one is ended ({@link SessionRevocationFilter}).
 */
final class PeakPilotUser implements UserDetails, CredentialsContainer {

	private final long id;
	private final String displayName;
	private String passwordHash;
	private final boolean enabled;
	private final AccessScope scope;
	private final long securityStamp;

	PeakPilotUser(long id, String displayName, String passwordHash, boolean enabled, AccessScope scope, long securityStamp) {
		this.id = id;
		this.displayName = displayName;
		this.passwordHash = passwordHash;
		this.enabled = enabled;
		this.scope = scope;
		this.securityStamp = securityStamp;
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

	long securityStamp() {
		return securityStamp;
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
