package org.peakpilot.platform;

import java.util.Optional;

/**
 * Device tokens of meter gateways (采集终端), which are not user accounts. The monitoring module implements it;
 * the API's token filter asks it for a Bearer token that is not a personal token. The scope it answers has the
 * role {@link Role#DEVICE} and the gateway's one enterprise ({@link AccessScope#device}).
 */
public interface DeviceCredentials {

	/** Whether a token has the form of a device token (so that a user-token lookup is not needed). */
	boolean isDeviceToken(String token);

	/** The scope of the active gateway holding this token. */
	Optional<AccessScope> authenticate(String token);
}
