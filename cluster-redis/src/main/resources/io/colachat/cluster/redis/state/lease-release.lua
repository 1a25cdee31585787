-- Gives a lease up on a clean shutdown: the node is dead from now on, and whatever state it left
-- is adopted like a crashed node's (normally nothing, if it cleaned up first).
-- KEYS[1] the node's lease; ARGV[1] lease token
-- Returns 1 when released, 0 when the lease was no longer this holder's.
if redis.call('GET', KEYS[1]) == ARGV[1] then
    redis.call('DEL', KEYS[1])
    return 1
end
return 0
