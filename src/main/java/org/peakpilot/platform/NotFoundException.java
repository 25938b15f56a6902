package org.peakpilot.platform;

/** The thing asked for does not exist, or lies outside the caller's scope (which is not revealed). */
public class NotFoundException extends RuntimeException {

	public NotFoundException(String what) {
		super(what + " not found");
	}
}
