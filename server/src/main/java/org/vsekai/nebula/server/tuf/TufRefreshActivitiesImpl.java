package org.vsekai.nebula.server.tuf;

/** A thin adapter: the activity is the publisher's refresh. */
public final class TufRefreshActivitiesImpl implements TufRefreshActivities {
  private final TufPublisher publisher;

  public TufRefreshActivitiesImpl(TufPublisher publisher) {
    this.publisher = publisher;
  }

  @Override
  public TufRefreshReport refresh() {
    return publisher.refresh();
  }
}
