package org.peakpilot.projects;

import org.springframework.stereotype.Component;

/** The key-project and green libraries (重点项目库、绿色企业和绿色项目库): what other modules may ask of them. */
@Component
public class ProjectLibrary {
}
