package org.peakpilot.platform;

/**
 * One thing wrong with user input: the field (or spreadsheet column) and, for files, the 1-based row as the
 * user sees it in their spreadsheet program.
 */
public record InputError(Integer row, String field, String message) {

	public static InputError field(String field, String message) {
		return new InputError(null, field, message);
	}

	@Override
	public String toString() {
		return (row == null ? "" : "row " + row + ", ") + field + ": " + message;
	}
}
