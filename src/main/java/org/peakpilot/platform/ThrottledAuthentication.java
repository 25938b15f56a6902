package org.peakpilot.platform;

import java.time.Duration;
import java.util.Optional;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * The one authentication provider for user name and password (sign-in form and HTTP Basic): refuses while the
 * account or the client address is locked, counts wrong passwords, forgets them on success ({@link LoginThrottle}).
 * The client address is the one the servlet request reports, i.e. the proxy's client address when
 * {@code server.forward-headers-strategy} is set for a trusted proxy.
 */
@Component
class ThrottledAuthentication implements AuthenticationProvider {

	private final DaoAuthenticationProvider passwords;
	private final LoginThrottle throttle;

	ThrottledAuthentication(UserAccounts accounts, PasswordEncoder encoder, LoginThrottle throttle) {
		this.passwords = new DaoAuthenticationProvider(accounts);
		this.passwords.setPasswordEncoder(encoder);
		this.throttle = throttle;
	}

	@Override
	public Authentication authenticate(Authentication authentication) throws AuthenticationException {
		String username = authentication.getName();
		String address = authentication.getDetails() instanceof WebAuthenticationDetails d ? d.getRemoteAddress() : null;
		Optional<Duration> locked = throttle.lockedFor(username, address);
		if (locked.isPresent()) {
			throw new LoginLockedException(locked.get());
		}
		Authentication result;
		try {
			result = passwords.authenticate(authentication);
		}
		catch (BadCredentialsException ex) {
			Optional<Duration> lock = throttle.failed(username, address);
			if (lock.isPresent()) {
				throw new LoginLockedException(lock.get());
			}
			throw ex;
		}
		throttle.succeeded(username);
		return result;
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}
}
