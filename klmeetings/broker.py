"""kombu's Redis transport, with the one fault that killed a worker when Redis went away.

Celery 5.7 / kombu 5.7: when the broker connection drops, the worker first collects the
connection (which drops its link to the URL) and then closes it; closing the channel restores
the messages the worker held unacknowledged (ETA tasks such as the outbox's one-second sweeps,
or a running task), which needs the URL to reconnect, and the AttributeError ("'NoneType'
object has no attribute 'hostname'") was an "Unrecoverable error": the worker exited, and the
queued e-mails waited until someone started it again (issue 29).

The same gap killed a prefork worker whose task finished after the connection was lost: the
acknowledgement went to the old channel, whose transport is gone, and the AttributeError
("'NoneType' object has no attribute 'client'") was unrecoverable too.

Here the old channel answers as a lost connection does: the restore gives up (logged), and an
acknowledgement raises redis' ConnectionError, which kombu logs ("Couldn't ack") and the worker
survives. The messages stay in Redis's unacked hash, which kombu hands out again after
`visibility_timeout`. Nothing is lost by it: the outbox keeps every e-mail in the database,
and beat's sweep sends it.
"""

import logging

from kombu.transport import redis
from redis.exceptions import ConnectionError as RedisConnectionError

logger = logging.getLogger(__name__)


def _collected(channel):
    return channel.connection is None or channel.connection.client is None


class QoS(redis.QoS):
    def restore_unacked(self, client=None):
        if _collected(self.channel):
            logger.warning(
                "Broker connection already collected: %d unacknowledged message(s) stay in "
                "Redis until visibility_timeout",
                len(self._delivered),
            )
            return
        super().restore_unacked(client)


class Channel(redis.Channel):
    QoS = QoS

    def _connparams(self, asynchronous=False):
        if _collected(self):
            raise RedisConnectionError("The broker connection of this channel was closed")
        return super()._connparams(asynchronous)


class Transport(redis.Transport):
    Channel = Channel
