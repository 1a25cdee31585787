-- The dead nodes awaiting takeover: registered, lease expired, and either unclaimed or claimed
-- by a node that died too before completing.
-- KEYS[1] the registry; ARGV[1] key prefix
local dead = {}
for _, id in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
    if redis.call('EXISTS', ARGV[1] .. 'lease:' .. id) == 0 then
        local owner = redis.call('GET', ARGV[1] .. 'takeover:' .. id)
        if (not owner) or redis.call('EXISTS', ARGV[1] .. 'lease:' .. owner) == 0 then
            dead[#dead + 1] = id
        end
    end
end
return dead
