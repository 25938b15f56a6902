/**
 * Immutable value types every module speaks: validated codes ({@link org.peakpilot.shared.Uscc},
 * {@link org.peakpilot.shared.RegionCode}) and the like. No beans, no I/O: a value that exists is valid.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package org.peakpilot.shared;
