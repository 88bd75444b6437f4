package cn.insurer.archive.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

@ApplicationPath("/api")
public class ArchiveApplication extends Application {
}
