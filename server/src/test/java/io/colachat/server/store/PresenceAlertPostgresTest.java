package io.colachat.server.store;

class PresenceAlertPostgresTest extends PresenceAlertContract {

    @Override
    TestDatabase openTarget() {
        return TestDatabase.postgres();
    }
}
