-- Extends a node's lease, if it still holds it.
-- KEYS[1] the node's lease, KEYS[2] the registry
-- ARGV[1] node id, ARGV[2] lease token, ARGV[3] ttl (ms)
-- Returns 'RENEWED', or 'LOST' when the lease expired (or Redis lost it) before this renewal:
-- from then on the node counts as dead and its state may be adopted by another node.
if redis.call('GET', KEYS[1]) ~= ARGV[2] then
    return 'LOST'
end
local t = redis.call('TIME')
redis.call('PEXPIRE', KEYS[1], ARGV[3])
redis.call('ZADD', KEYS[2], t[1] * 1000 + math.floor(t[2] / 1000), ARGV[1])
return 'RENEWED'
